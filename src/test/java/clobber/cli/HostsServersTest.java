package clobber.cli;

import clobber.driver.hosts.SharedFileSystem;
import clobber.os.HostNetwork;
import clobber.os.Leftovers;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A hosts run, caught while its writers work, on each file system clobber serves: (a) every
 * socket its servers listen on, in the machine's network namespace and in every host's, is on
 * the bridge's address, and nothing of the run listens anywhere else; (b) between two hosts'
 * mounts, each pairing of flock and POSIX locks excludes, or not, as docs/scale.md says of that
 * file system; (c) SIGKILLed, the run leaves its servers behind (no hook runs), and the sweep
 * that the next run starts with removes every one of them. One bring-up per file system.
 */
@org.junit.jupiter.api.parallel.ResourceLock(clobber.SharedResources.HOSTS)
class HostsServersTest {

    /** The ports each file system's servers always listen on, with the programs that must be seen listening. */
    private static final Map<SharedFileSystem, Set<String>> SERVERS = Map.of(
            SharedFileSystem.GLUSTERFS, Set.of("glusterd", "glusterfsd"),
            SharedFileSystem.CEPHFS, Set.of("ceph-mon", "ceph-osd", "ceph-mds"),
            SharedFileSystem.SSHFS, Set.of("sshd"));

    /**
     * Whether host 2's lock is refused while host 1 holds one, per pairing: flock/flock,
     * lockf/lockf, flock/lockf, lockf/flock, and lockf held across the close of another
     * descriptor of the file (POSIX says that close drops it).
     */
    private static final Map<SharedFileSystem, List<Boolean>> EXCLUDES = Map.of(
            SharedFileSystem.GLUSTERFS, List.of(true, true, true, true, false),
            SharedFileSystem.CEPHFS, List.of(true, true, false, false, true),
            SharedFileSystem.SSHFS, List.of(false, false, false, false, false));
    private static final List<String[]> PAIRINGS = List.of(new String[] {"flock", "flock"}, new String[] {"lockf", "lockf"},
            new String[] {"flock", "lockf"}, new String[] {"lockf", "flock"}, new String[] {"lockf+close", "lockf"});

    /** Holds a lock of the kind named, on the file named, until its stdin closes; or tries one without waiting. */
    private static final String LOCKER = """
            import fcntl, os, sys
            role, kind, path = sys.argv[1:4]
            f = open(path, 'a')
            take = fcntl.flock if kind.startswith('flock') else fcntl.lockf
            if role == 'hold':
                take(f, fcntl.LOCK_EX)
                if kind.endswith('+close'):
                    os.close(os.open(path, os.O_RDONLY))
                print('held', flush=True)
                sys.stdin.read()
            else:
                try:
                    take(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    print('got')
                except OSError:
                    print('refused')
            """;

    private static final Pattern PROCESS = Pattern.compile("\\(\"([^\"]+)\",pid=(\\d+),");

    @TempDir
    Path sandbox;

    /** A listening socket, where it is and whose it is. */
    record Listener(String namespace, String address, int port, Map<Long, String> programs) {
        @Override
        public String toString() {
            return address + ":" + port + " " + programs.values() + (namespace == null ? "" : " in " + namespace);
        }
    }

    @ParameterizedTest
    @EnumSource(SharedFileSystem.class)
    void aRunsServersListenOnTheBridgeAloneItsLocksBehaveAsDocumentedAndAKilledRunIsSweptAway(SharedFileSystem fs) throws Exception {
        ServedHere.required(fs);
        List<Listener> seen = new ArrayList<>();
        List<Boolean> excluded = new ArrayList<>();
        List<String> leftByTheKill = new ArrayList<>();
        Path cwd = Files.createDirectory(sandbox.resolve(fs.label()));
        ClobberProcess killed = ClobberProcess.run(cwd, 1, clobber -> {
            try {
                if (untilWriting(clobber)) {
                    Set<Long> ours = Leftovers.processes().stream().map(ProcessHandle::pid).collect(Collectors.toSet());
                    listeners().stream().filter(l -> l.programs().keySet().stream().anyMatch(ours::contains)).forEach(seen::add);
                    System.out.println(fs.label() + ": the run's listeners: " + seen);
                    for (int i = 0; i < PAIRINGS.size(); i++) {
                        excluded.add(refused(PAIRINGS.get(i)[0], PAIRINGS.get(i)[1], "lock-probe-" + i));
                    }
                }
            } catch (IOException | InterruptedException e) {
                throw new AssertionError(e);
            } finally {
                clobber.destroyForcibly();
                try {
                    clobber.waitFor();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                leftByTheKill.addAll(Leftovers.present());
            }
        }, "run", "--strategy", "lockfile+atomic-replace", "--driver", "hosts", "--shared-fs", fs.label(),
                "--writers", "2", "--writes", "100000");
        List<String> afterSweep = sweepUnderTheLock();

        assertEquals(137, killed.exit(), killed.out() + killed.err());
        assertFalse(seen.isEmpty(), "the run was caught writing, its servers up: " + killed.out() + killed.err());
        List<Listener> elsewhere = seen.stream().filter(l -> !l.address().equals(HostNetwork.SERVER)).toList();
        assertEquals(List.of(), elsewhere, "every listener of the run is on " + HostNetwork.SERVER + "; seen: " + seen);
        Set<String> programs = seen.stream().flatMap(l -> l.programs().values().stream()).collect(Collectors.toSet());
        assertTrue(programs.containsAll(SERVERS.get(fs)), "each server was seen listening: " + seen);
        assertEquals(EXCLUDES.get(fs), excluded, "whether host 2's lock is refused, for flock/flock, lockf/lockf, "
                + "flock/lockf, lockf/flock, lockf past another descriptor's close");
        assertFalse(leftByTheKill.isEmpty(), "a SIGKILLed run leaves its servers and mounts for the next run to sweep");
        assertTrue(leftByTheKill.stream().anyMatch(l -> l.startsWith("process ")), "its servers were left: " + leftByTheKill);
        assertEquals(List.of(), afterSweep, "the sweep removes all that the killed run left");
        killed.assertNoSurvivor("a worker outlived clobber");
    }

    /** Waits (two minutes at most) until both hosts' mounts are there and a worker JVM of clobber's runs. */
    private static boolean untilWriting(Process clobber) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline && clobber.isAlive()) {
            if (mounted("/run/clobber/mnt/h2") && clobber.descendants()
                    .anyMatch(p -> p.info().commandLine().orElse("").contains("clobber.driver.process.Worker"))) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    /** Every listening TCP or UDP socket, in the machine's network namespace and in each of clobber's. */
    private static List<Listener> listeners() throws IOException, InterruptedException {
        List<Listener> all = new ArrayList<>(listenersIn(null));
        for (String line : output(List.of("ip", "netns", "list")).lines().toList()) {
            String namespace = line.split(" ")[0];
            if (namespace.startsWith(HostNetwork.PREFIX)) {
                all.addAll(listenersIn(namespace));
            }
        }
        return all;
    }

    private static List<Listener> listenersIn(String namespace) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (namespace != null) {
            command.addAll(List.of("ip", "netns", "exec", namespace));
        }
        command.addAll(List.of("ss", "-H", "-l", "-t", "-u", "-n", "-p"));
        List<Listener> found = new ArrayList<>();
        for (String line : output(command).lines().filter(l -> !l.isBlank()).toList()) {
            String[] columns = line.trim().split("\\s+");
            String local = columns[4];
            int colon = local.lastIndexOf(':');
            Map<Long, String> programs = new java.util.HashMap<>();
            Matcher m = PROCESS.matcher(line);
            while (m.find()) {
                programs.put(Long.parseLong(m.group(2)), m.group(1));
            }
            found.add(new Listener(namespace, local.substring(0, colon), Integer.parseInt(local.substring(colon + 1)), programs));
        }
        return found;
    }

    /** Whether host 2's {@code contender} lock is refused while host 1 holds {@code holder} on the same file. */
    private static boolean refused(String holder, String contender, String name) throws IOException, InterruptedException {
        Process held = new ProcessBuilder(onHost(1, "hold", holder, name)).redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(held.getInputStream(), StandardCharsets.UTF_8))) {
            String first = out.readLine();
            if (!"held".equals(first)) {
                throw new AssertionError("host 1 could not take its " + holder + " lock: " + first);
            }
            String answer = output(onHost(2, "try", contender, name)).strip();
            if (!answer.equals("got") && !answer.equals("refused")) {
                throw new AssertionError("host 2's " + contender + " lock: " + answer);
            }
            return answer.equals("refused");
        } finally {
            held.getOutputStream().close();
            if (!held.waitFor(30, TimeUnit.SECONDS)) {
                held.destroyForcibly();
            }
        }
    }

    private static List<String> onHost(int host, String role, String kind, String name) {
        return List.of("ip", "netns", "exec", HostNetwork.namespace(host), "/usr/bin/python3", "-c", LOCKER, role, kind,
                "/run/clobber/mnt/h" + host + "/" + name);
    }

    /** Sweeps as a run's set-up does, holding the lock that keeps it from another clobber's hosts. */
    private static List<String> sweepUnderTheLock() throws IOException {
        try (FileChannel lock = FileChannel.open(Leftovers.LOCK, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            lock.lock();
            Leftovers.sweep();
            return Leftovers.present();
        }
    }

    private static String output(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + ": exit " + p.exitValue() + ": " + out);
        }
        return out;
    }

    private static boolean mounted(String point) {
        try {
            return Files.readString(Path.of("/proc/self/mounts")).contains(" " + point + " ");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
