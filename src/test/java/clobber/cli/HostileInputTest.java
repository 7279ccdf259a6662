package clobber.cli;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hostile-input list: options, paths, plug-ins and writers as a careless or hostile user gives
 * them, each with the exit code and the one line clobber must answer with. For every case, in a
 * working directory of its own holding the files the cases point at (a regular file, a device, a
 * pipe, a symlink to stdout, a full directory, report folders whose latest is not clobber's, a
 * class path registering a broken plug-in) and a temp directory of its own:
 * <ul>
 *   <li>the exit code is the one listed; bad input is one line on stderr, "clobber: ...", holding
 *       the words listed, and nothing on stdout; a run that fails names the words in its output;</li>
 *   <li>no stack trace, anywhere;</li>
 *   <li>no process clobber started is left, no cgroup of a clobber gone, no mount under the case's
 *       directories;</li>
 *   <li>no file of the working directory changed but those the case gave clobber to write
 *       (its report folder, its result JSON), and the temp directory is empty again.</li>
 * </ul>
 */
class HostileInputTest {
    private static final String PYTHON = "python3 " + Path.of("src/main/writers/python/atomic_json_update.py").toAbsolutePath();
    private static final String[] SMALL = {"--writers", "2", "--writes", "5"};

    @TempDir
    static Path sandbox;

    /** One hostile input: what is typed, and what clobber must answer. */
    record Case(int exit, String says, List<String> args) {
        @Override
        public String toString() {
            return String.join(" ", args) + " -> " + exit;
        }
    }

    private static Case c(int exit, String says, String... args) {
        return new Case(exit, says, List.of(args));
    }

    private static String[] small(String... args) {
        return Stream.concat(Stream.of(args), Stream.of(SMALL)).toArray(String[]::new);
    }

    static List<Case> cases() {
        String throwing = HostilePlugIns.ThrowingConstructor.class.getName();
        return List.of(
                // numbers out of range, malformed, or not numbers at all
                c(2, "--writers must be between 1 and 10000, not 0", "run", "--strategy", "no-lock", "--writers", "0"),
                c(2, "'3x' is not an int", "run", "--strategy", "no-lock", "--writers", "3x"),
                c(2, "--writes must be between 1 and 10000000, not -5", "run", "--strategy", "no-lock", "--writes", "-5"),
                c(2, "--crash-rate must be between 0.01 and 1000 kills a second, not NaN", "run", "--strategy", "no-lock", "--driver", "crash", "--crash-rate", "NaN"),
                c(2, "not Infinity", "run", "--strategy", "no-lock", "--driver", "crash", "--crash-rate", "Infinity"),
                c(2, "not 1.0E-12", "run", "--strategy", "no-lock", "--driver", "crash", "--crash-rate", "1e-12"),
                c(2, "not 1001.0", "run", "--strategy", "no-lock", "--driver", "crash", "--crash-rate", "1001"),
                c(2, "clobber keeps every update's trace in memory", "run", "--strategy", "no-lock", "--writers", "100", "--writes", "200000"),
                c(2, "--readers must be between 0 and 64, not 65", "run", "--strategy", "no-lock", "--readers", "65"),
                c(2, "--stall-after must be between 1 and 86400, not 0", "run", "--strategy", "no-lock", "--stall-after", "0"),
                c(2, "--timeout must be between 1 and 86400, not 0", "run", "--strategy", "no-lock", "--timeout", "0"),
                c(2, "--runs must be between 1 and 100000, not 0", "run", "--strategy", "no-lock", "--runs", "0"),
                c(2, "--processes must be between 1 and 256, not 0", "run", "--strategy", "no-lock", "--processes", "0"),
                c(2, "--max-states must be between 2 and 100000, not 1", "run", "--strategy", "no-lock", "--max-states", "1"),
                c(2, "--hosts must be between 1 and", "run", "--strategy", "no-lock", "--hosts", "0"),
                c(2, "--crashes must be between 1 and 10000, not 0", "run", "--strategy", "no-lock", "--crash-at", "after-lock", "--crashes", "0"),
                c(2, "--crashes counts the crashes of --crash-at or --crash-rate, and neither was given", "run", "--strategy", "no-lock", "--crashes", "3"),
                c(2, "--external-writers must be between 1 and 1000, not 0", "run", "--strategy", "no-lock", "--writer-cmd", "true", "--external-writers", "0"),
                c(2, "--pause: microseconds must be between 0 and 10000000", "run", "--strategy", "no-lock", "--pause", "after-read:99999999"),
                c(2, "--max-schedules must be between 1 and 1000000, not 0", "explore", "--strategy", "no-lock", "--max-schedules", "0"),
                // names that are no name clobber knows
                c(2, "unknown strategy 'no-such-strategy'", "run", "--strategy", "no-such-strategy"),
                c(2, "class java.lang.String does not implement clobber.strategy.WriteStrategy", "run", "--strategy", "java.lang.String"),
                c(2, "unknown driver 'bicycles'", "run", "--strategy", "no-lock", "--driver", "bicycles"),
                c(2, "unknown workload 'nope'", "run", "--strategy", "no-lock", "--workload", "nope"),
                c(2, "strategy 'no-lock' takes no lock, so --lock does not apply", "run", "--strategy", "no-lock", "--lock", "posix"),
                c(2, "unknown lock 'nfs'", "run", "--strategy", "lockfile+atomic-replace", "--lock", "nfs"),
                c(2, "unknown step 'after-lunch'", "run", "--strategy", "no-lock", "--pause", "after-lunch:10"),
                c(2, "--pause: 'soon' is not a whole number of microseconds", "run", "--strategy", "no-lock", "--pause", "after-read:soon"),
                c(2, "--pause takes STEP:MICROS", "run", "--strategy", "no-lock", "--pause", "after-read"),
                c(2, "unknown step 'nowhere'", "run", "--strategy", "no-lock", "--driver", "crash", "--crash-at", "nowhere"),
                c(2, "unknown step 'nowhere'", "explore", "--strategy", "no-lock", "--stop-at", "nowhere"),
                c(2, "unknown strategy 'nope'", "matrix", "--strategies", "no-lock,nope"),
                c(2, "unknown driver 'bicycles'", "gate", "--strategy", "lockfile+atomic-replace", "--drivers", "threads,bicycles"),
                c(2, "unknown persistence model", "run", "--strategy", "no-lock", "--model", "ext5"),
                c(2, "Unknown option: '--frobnicate'", "run", "--strategy", "no-lock", "--frobnicate"),
                c(2, "Unmatched argument at index 0: 'frobnicate'", "frobnicate"),
                c(2, "Missing required option: '--strategy=<strategy>'", "run"),
                // options that contradict each other or the strategy
                c(2, "--crash-at and --crash-rate are two kinds of crash; choose one", "run", "--strategy", "no-lock", "--crash-at", "after-lock", "--crash-rate", "1"),
                c(2, "--external-writers runs copies of --writer-cmd or --update-cmd, and neither was given", "run", "--strategy", "no-lock", "--external-writers", "2"),
                c(2, "crashes and external writers need writer processes", "run", "--strategy", "no-lock", "--crash-at", "after-lock"),
                c(2, "--workload create does not fit no-lock", "run", "--strategy", "no-lock", "--workload", "create"),
                c(2, "--workload keys does not fit create-exclusive", "run", "--strategy", "create-exclusive", "--workload", "keys"),
                c(2, "readers read one document, and the create workload writes many files", "run", "--strategy", "create-exclusive", "--driver", "readers"),
                c(2, "a power cut is the crash here", "run", "--strategy", "lockfile+atomic-replace", "--driver", "powerloss", "--readers", "2"),
                c(2, "(pass --skip-unfit to run the rest without it)", "gate", "--strategy", "lockfile+atomic-replace", "--drivers", "threads,processes", "--crash-at", "after-lock"),
                c(2, "--schedule: '7' is not WRITER or WRITERxTIMES with WRITER from 0 to 1", "explore", "--strategy", "no-lock", "--schedule", "0x2,7"),
                c(2, "the schedule moves W0 at move 7, where only [W1] can move", "explore", "--strategy", "no-lock", "--schedule", "0x40"),
                // paths clobber must not write to as given
                c(2, "--dir: cannot create /proc/clobber-cannot-create: nothing can be made in /proc", "run", "--strategy", "no-lock", "--dir", "/proc/clobber-cannot-create"),
                c(2, "--dir: cannot create plain.txt/x", "run", "--strategy", "no-lock", "--dir", "plain.txt/x"),
                c(2, "--dir: occupied is not empty", "run", "--strategy", "no-lock", "--dir", "occupied"),
                c(2, "--dir is an empty path", "run", "--strategy", "no-lock", "--dir", ""),
                c(2, "--report plain.txt is not a directory", "run", "--strategy", "no-lock", "--report", "plain.txt"),
                c(2, "--report: cannot create /proc/clobber-cannot-create", "run", "--strategy", "no-lock", "--report", "/proc/clobber-cannot-create"),
                c(2, "--report is an empty path", "run", "--strategy", "no-lock", "--report", ""),
                c(2, "latest is a directory, not the symlink clobber keeps there", "run", "--strategy", "no-lock", "--report", "latest-is-a-directory"),
                c(2, "latest is a file, not the symlink clobber keeps there", "run", "--strategy", "no-lock", "--report", "latest-is-a-file"),
                c(2, "--json occupied: is a directory", "run", "--strategy", "no-lock", "--json", "occupied"),
                c(2, "--json full: is not a regular file", "run", "--strategy", "no-lock", "--json", "full"),
                c(2, "--json pipe: is not a regular file", "run", "--strategy", "no-lock", "--json", "pipe"),
                c(2, "--json stdout: is a symbolic link", "run", "--strategy", "no-lock", "--json", "stdout"),
                c(2, "--json plain.txt/result.json:", "run", "--strategy", "no-lock", "--json", "plain.txt/result.json"),
                c(2, "cannot be created in /proc", "run", "--strategy", "no-lock", "--json", "/proc/result.json"),
                c(2, "--json and --dir both name same", "run", "--strategy", "no-lock", "--json", "same", "--dir", "same"),
                c(2, "--json and --report both name reports", "run", "--strategy", "no-lock", "--json", "reports", "--report", "reports"),
                c(2, "--json : an empty path", "run", "--strategy", "no-lock", "--json", ""),
                c(2, "--classpath: no such file or directory: /no/such/plugin.jar", "run", "--strategy", "no-lock", "--classpath", "/no/such/plugin.jar"),
                c(2, "--classpath: notes.txt is neither a directory of classes nor a jar", "run", "--strategy", "no-lock", "--classpath", "notes.txt"),
                // the hosts driver on mounts and hosts that are not there
                c(2, "--host-cmd is empty", "run", "--strategy", "no-lock", "--driver", "hosts", "--shared-dirs", "share,share", "--host-cmd", ""),
                c(2, "--host-cmd starts writers on hosts of your own, which need --shared-dirs", "run", "--strategy", "no-lock", "--host-cmd", "ssh host{n}"),
                c(2, "--shared-dirs needs one directory per host, two or more", "run", "--strategy", "no-lock", "--driver", "hosts", "--shared-dirs", "share"),
                c(2, "--shared-dirs: nowhere is not a directory here", "run", "--strategy", "no-lock", "--driver", "hosts", "--shared-dirs", "nowhere,share"),
                c(2, "--host-cmd 'false' cannot start a process on host 1", small("run", "--strategy", "create-exclusive", "--driver", "hosts", "--shared-dirs", "share,share", "--host-cmd", "false")),
                c(2, "--host-cmd 'no-such-ssh h{n}' cannot start a process on host 1", small("run", "--strategy", "create-exclusive", "--driver", "hosts", "--shared-dirs", "share,share", "--host-cmd", "no-such-ssh h{n}")),
                c(2, "--shared-dirs: host 2 has no directory nowhere", small("run", "--strategy", "create-exclusive", "--driver", "hosts", "--shared-dirs", "share,nowhere", "--host-cmd", "sh -c")),
                c(2, "one writer shares its file with nobody", "run", "--strategy", "create-exclusive", "--driver", "hosts", "--shared-dirs", "share,share", "--writers", "1"),
                // plug-ins that cannot be used
                c(2, "name() must be one word of printable characters, not null", "gate", "--strategy", BadPlugIns.NullName.class.getName()),
                c(2, "name() must be one word of printable characters, not 'evil?[2J'", "gate", "--strategy", BadPlugIns.EscapeInName.class.getName()),
                c(2, "lesson() must say what the pattern does, not a blank", "gate", "--strategy", BadPlugIns.BlankLesson.class.getName()),
                c(2, "claim() must not be null", "gate", "--strategy", BadPlugIns.NullClaim.class.getName()),
                c(2, "its constructor threw java.lang.IllegalStateException: no configuration file", "gate", "--strategy", throwing),
                c(2, "calls itself 'no-lock', the name of clobber.strategy.NoLock", "gate", "--strategy", HostilePlugIns.CalledNoLock.class.getName()),
                c(2, "could not be instantiated, because java.lang.IllegalStateException: no configuration file", "matrix", "--classpath", "registry", "--drivers", "threads"),
                c(2, "calls itself 'no-lock', the name of clobber.strategy.NoLock", "run", "--strategy", "no-lock", "--classpath", "shadowing"),
                c(2, "unknown strategy 'com.example.Missing'", "gate", "--strategy", "com.example.Missing"),
                // external writers that do not speak the protocol
                c(2, "exited with code 127", small("run", "--strategy", "lockfile+atomic-replace", "--driver", "processes", "--writer-cmd", "no-such-writer-program {file}")),
                c(2, "printed 'garbage': not in the protocol", small("run", "--strategy", "lockfile+atomic-replace", "--driver", "processes", "--writer-cmd", "echo garbage")),
                c(2, "was not ready within the timeout of 2 s", small("run", "--strategy", "lockfile+atomic-replace", "--driver", "processes", "--writer-cmd", "sleep 300", "--timeout", "2")),
                // runs that hostile plug-ins and writers must not pass
                c(1, "FAILS: exitsinupdate under threads: ERRORS", small("gate", "--strategy", HostilePlugIns.ExitsInUpdate.class.getName())),
                c(1, "FAILS: haltsinupdate under readers: ERRORS", small("gate", "--strategy", HostilePlugIns.HaltsInUpdate.class.getName(), "--drivers", "readers")),
                c(1, "java.lang.OutOfMemoryError", small("gate", "--strategy", HostilePlugIns.LeaksMemory.class.getName())),
                c(1, "said 'done' with 5 of its 10 updates neither acknowledged nor failed", "run", "--strategy", "lockfile+atomic-replace", "--driver", "processes",
                        "--writers", "1", "--writes", "10", "--writer-cmd", PYTHON + " {file} {writer} 5"),
                c(0, "SAFE", small("gate", "--strategy", HostilePlugIns.WritesDoneToStdout.class.getName(), "--drivers", "processes")),
                c(0, "SAFE", small("gate", "--strategy", HostilePlugIns.StartsAChild.class.getName(), "--drivers", "threads,processes", "--dir", "scratch")),
                c(3, "called System.exit in clobber's own JVM", "explore", "--strategy", HostilePlugIns.ExitsInUpdate.class.getName()),
                c(3, "called System.exit in clobber's own JVM", "run", "--strategy", HostilePlugIns.ExitsWhenMade.class.getName()),
                c(3, "--crash-rate 1000.0 called for", "run", "--strategy", "lockfile+atomic-replace", "--driver", "crash", "--crash-rate", "1000",
                        "--writers", "2", "--writes", "200", "--timeout", "3"));
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("cases")
    void answersInOneLineAndTouchesNothingItWasNotGiven(Case hostile) throws Exception {
        Path root = Files.createTempDirectory(sandbox, "case-");
        Path cwd = fixtures(Files.createDirectory(root.resolve("cwd")));
        Path tmp = Files.createDirectory(root.resolve("tmp"));
        Map<String, String> before = snapshot(cwd);
        ClobberProcess p = ClobberProcess.run(cwd, List.of("-Djava.io.tmpdir=" + tmp), 0, clobber -> { }, hostile.args().toArray(String[]::new));

        String all = p.out() + p.err();
        assertEquals(hostile.exit(), p.exit(), all);
        assertFalse(all.contains("\tat ") || all.contains("Exception in thread"), "a stack trace: " + all);
        List<String> said = p.err().lines().filter(l -> l.startsWith("clobber: ")).toList();
        if (hostile.exit() == 2) {
            assertEquals(List.of(p.err().strip()), said, "bad input is one line, 'clobber: ...': " + p.err());
            assertEquals("", p.out(), "bad input prints nothing else");
        } else {
            assertEquals(hostile.exit() == 3 ? 1 : 0, said.size(), p.err());
        }
        assertTrue(all.contains(hostile.says()), "'" + hostile.says() + "' in: " + all);

        p.assertNoSurvivor("a process clobber started outlived it");
        assertEquals(List.of(), orphanedCgroups(), "a cgroup of a clobber that is gone");
        assertFalse(Files.readString(Path.of("/proc/self/mounts")).contains(root.toString()), "a mount was left under " + root);
        Map<String, String> after = snapshot(cwd);
        if (hostile.exit() != 2) {
            // What a run may write, as it was given: the report folder, the result JSON, the scratch directory.
            after.keySet().removeIf(path -> path.startsWith("reports") || path.startsWith("scratch"));
        }
        assertEquals(before, after, "a file clobber was not given changed");
        try (Stream<Path> left = Files.list(tmp)) {
            assertEquals(List.of(), left.toList(), "the temp directory is empty again");
        }
    }

    /** The files the cases point at, made anew for each. */
    private static Path fixtures(Path cwd) throws Exception {
        Files.writeString(cwd.resolve("plain.txt"), "a file");
        Files.writeString(cwd.resolve("notes.txt"), "not a jar");
        Files.writeString(Files.createDirectory(cwd.resolve("occupied")).resolve("precious.txt"), "keep me");
        Files.createDirectories(cwd.resolve("latest-is-a-directory/latest/inside"));
        Files.writeString(Files.createDirectory(cwd.resolve("latest-is-a-file")).resolve("latest"), "my notes");
        Files.createDirectory(cwd.resolve("share"));
        Files.createSymbolicLink(cwd.resolve("stdout"), Path.of("/proc/self/fd/1"));
        assertEquals(0, new ProcessBuilder("mknod", cwd.resolve("full").toString(), "c", "1", "7").start().waitFor());
        assertEquals(0, new ProcessBuilder("mkfifo", cwd.resolve("pipe").toString()).start().waitFor());
        register(cwd.resolve("registry"), HostilePlugIns.ThrowingConstructor.class);
        register(cwd.resolve("shadowing"), HostilePlugIns.CalledNoLock.class);
        return cwd;
    }

    private static void register(Path classpath, Class<?> strategy) throws IOException {
        Path services = Files.createDirectories(classpath.resolve("META-INF/services"));
        Files.writeString(services.resolve("clobber.strategy.WriteStrategy"), strategy.getName() + "\n");
    }

    /** Every path under {@code root} with what it is: a directory, a file's size and time, a link's target, a device's kind. */
    private static Map<String, String> snapshot(Path root) throws IOException {
        Map<String, String> entries = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.toList()) {
                String name = root.relativize(path).toString();
                if (Files.isSymbolicLink(path)) {
                    entries.put(name, "link to " + Files.readSymbolicLink(path));
                } else if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                    entries.put(name, "directory");
                } else if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
                    entries.put(name, "file of " + Files.size(path) + " bytes, " + Files.getLastModifiedTime(path, LinkOption.NOFOLLOW_LINKS));
                } else {
                    entries.put(name, "special " + Files.readAttributes(path, "unix:mode", LinkOption.NOFOLLOW_LINKS));
                }
            }
        }
        return entries;
    }

    /** Cgroups named clobber-PID whose JVM is gone: what a clobber that left processes behind would leave. */
    private static List<String> orphanedCgroups() throws IOException {
        List<String> left = new ArrayList<>();
        Path hierarchy = Files.readAllLines(Path.of("/proc/self/mounts")).stream().map(l -> l.split(" "))
                .filter(f -> f[2].equals("cgroup2")).map(f -> Path.of(f[1])).findFirst().orElse(null);
        if (hierarchy == null) {
            return left;
        }
        List<Path> named = new ArrayList<>();
        clobberCgroups(hierarchy, 4, named);
        try {
            for (Path cgroup : named) {
                long pid = Long.parseLong(cgroup.getFileName().toString().substring("clobber-".length()));
                if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    continue;
                }
                // Its watchdog may still be at work (another test's clobber just killed, on a loaded machine): an orphan stays.
                long until = System.nanoTime() + 15_000_000_000L;
                while (Files.exists(cgroup) && System.nanoTime() < until) {
                    Thread.sleep(200);
                }
                if (Files.exists(cgroup)) {
                    left.add(cgroup.toString());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return left;
    }

    /**
     * The directories named clobber-PID under {@code dir}, {@code depth} levels down at most. The
     * other tests' clobbers make and remove theirs meanwhile: one that is gone while it is looked
     * at is not there, not an error (a walk with Files.find would throw).
     */
    private static void clobberCgroups(Path dir, int depth, List<Path> found) throws IOException {
        List<Path> children;
        try (Stream<Path> list = Files.list(dir)) {
            children = list.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).toList();
        } catch (java.nio.file.NoSuchFileException e) {
            return;
        } catch (java.io.UncheckedIOException e) {
            if (e.getCause() instanceof java.nio.file.NoSuchFileException) {
                return;
            }
            throw e;
        }
        for (Path child : children) {
            if (child.getFileName().toString().matches("clobber-\\d+")) {
                found.add(child);
            }
            if (depth > 1) {
                clobberCgroups(child, depth - 1, found);
            }
        }
    }
}
