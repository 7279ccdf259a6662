package clobber.driver.blockdev;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Nothing outlives its owner, SIGKILL included. The owner is started as clobber starts itself for
 * a real file system ({@link PrivateNamespace#relaunch}); inside, a real ext4 is mounted and
 * recording, a Python writer updates a file on it, a thread of the JVM fsyncs on it (as the
 * threads driver's writers do), another mounts crash states one after another, an idle process
 * sits in a directory of it (it pins the namespace and the mount, and has no I/O to fail on), and 64 MiB sit
 * in the image and the log on tmpfs. Then SIGKILL, to the owner or to the JVM inside, at a
 * moment when requests are in flight. Afterwards: no process of the tree alive, no mount of the
 * work directory in any mount namespace a process is in (each /proc/PID/mountinfo), no loop
 * device bound below it, the directory empty, and the tmpfs memory given back.
 */
@org.junit.jupiter.api.parallel.ResourceLock(clobber.SharedResources.REAL_FILE_SYSTEMS)
class TeardownTest {
    private static final Path SAFE_WRITER = Path.of("src/main/writers/python/atomic_json_update.py").toAbsolutePath();

    @TempDir
    Path sandbox;

    @Test
    void sigkillOfTheOwnerLeavesNothing() throws Exception {
        killAndCheck(Busy.class, false);
    }

    @Test
    void sigkillOfTheJvmInsideTheNamespaceLeavesNothing() throws Exception {
        killAndCheck(Busy.class, true);
    }

    /**
     * Nothing runs but the image server: when the owner dies, the JVM inside leaves the mount
     * namespace first (PID 1 lets go of its namespaces before the kernel kills the rest), and the
     * image server's exit is the last. Were the file system on its device mounted in the server's
     * own namespace, that exit would unmount it, and the unmount's flush would wait for the
     * server's answer, forever.
     */
    @Test
    void sigkillOfTheOwnerOfAQuietFileSystemLeavesNothing() throws Exception {
        killAndCheck(Quiet.class, false);
    }

    private void killAndCheck(Class<?> scenario, boolean killInside) throws Exception {
        Path workDir = Files.createDirectory(sandbox.resolve("work"));
        long shmemBefore = shmemKiB();
        List<String> command = PrivateNamespace.javaCommand(List.of(), Relaunch.class.getName(),
                List.of(scenario.getName(), workDir.toString()));
        Process owner = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(owner.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        assertEquals("busy", line, "the scenario started");
        Set<ProcessHandle> tree = owner.descendants().collect(Collectors.toSet());
        tree.add(owner.toHandle());
        long shmemBusy = shmemKiB();
        int expected = scenario == Busy.class ? 6 : 4;
        assertTrue(tree.size() >= expected, "owner, namespace keeper, JVM inside, image server (writer, idle child): " + describe(tree));
        assertTrue(InNamespace.leftovers(workDir).stream().anyMatch(l -> l.contains("sees mount")), "the mounts are there while it runs");
        assertTrue(InNamespace.leftovers(workDir).stream().anyMatch(l -> l.contains("loop")), "a loop device is bound while it runs");
        assertTrue(!clobber.os.SystemCommand.run(List.of("findmnt", "-rn", "-o", "TARGET")).contains(workDir.toString()),
                "the mounts are private: the machine's own mount table never shows them");

        ProcessHandle victim = killInside
                ? tree.stream().filter(p -> p.info().commandLine().orElse("").contains(scenario.getName())
                        && !p.info().commandLine().orElse("").contains(Relaunch.class.getName())
                        && p.info().command().orElse("").endsWith("java")).findFirst().orElseThrow()
                : owner.toHandle();
        new ProcessBuilder("kill", "-KILL", Long.toString(victim.pid())).start().waitFor();

        for (ProcessHandle process : tree) {
            process.onExit().get(20, TimeUnit.SECONDS);
        }
        assertTrue(tree.stream().noneMatch(ProcessHandle::isAlive), "a process outlived the kill: " + describe(tree));
        assertEquals(List.of(), InNamespace.leftoversAfter(workDir, 20), "left after SIGKILL of " + victim.info().commandLine().orElse(""));
        // The same, as the tools say it: the machine's mount table and every loop device.
        for (List<String> tool : List.of(List.of("findmnt", "-rn", "-o", "TARGET,SOURCE,FSTYPE"), List.of("losetup", "-a"))) {
            String said = clobber.os.SystemCommand.run(tool);
            assertTrue(!said.contains(workDir.toString()), String.join(" ", tool) + " still shows the work directory:\n" + said);
        }
        long rise = shmemBusy - shmemBefore;
        assertTrue(rise > 100 * 1024, "the image and the log held over 100 MiB of tmpfs while busy: " + rise + " KiB");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        long left = shmemKiB() - shmemBefore;
        while (left > rise / 4 && System.nanoTime() < deadline) {
            Thread.sleep(200);
            left = shmemKiB() - shmemBefore;
        }
        assertTrue(left <= rise / 4, "tmpfs memory given back: " + left + " KiB of " + rise + " KiB still in use");
    }

    private static String describe(Set<ProcessHandle> tree) {
        return tree.stream().map(p -> p.pid() + (p.isAlive() ? " alive " : " gone ") + p.info().commandLine().orElse(""))
                .collect(Collectors.joining("; "));
    }

    /** Shmem of /proc/meminfo: tmpfs pages (and shared memory) of the whole machine, in KiB. */
    private static long shmemKiB() throws IOException {
        return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("Shmem:"))
                .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst().orElseThrow();
    }

    /** The owner: what clobber's command line does when a real file system is asked for. */
    static final class Relaunch {
        public static void main(String[] args) throws Exception {
            System.exit(PrivateNamespace.relaunch(List.of(), args[0], List.of(args).subList(1, args.length)));
        }
    }

    /** Inside the namespace: a file system holding 128 MiB, and nothing else, until killed. */
    static final class Quiet {
        public static void main(String[] args) throws Exception {
            RealFs fs = RealFs.create(Path.of(args[0]), FsSpec.parse("ext4"), 256L << 20);
            fs.startRecording();
            try (FileChannel big = FileChannel.open(fs.root().resolve("big"), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                big.write(ByteBuffer.allocate(64 << 20));
                big.force(true);
            }
            System.out.println("busy");
            System.out.flush();
            Thread.sleep(TimeUnit.MINUTES.toMillis(5));
        }
    }

    /** Inside the namespace: everything at once, until killed. */
    static final class Busy {
        public static void main(String[] args) throws Exception {
            RealFs fs = RealFs.create(Path.of(args[0]), FsSpec.parse("ext4"), 256L << 20);
            Path data = fs.root().resolve("data.json");
            Files.writeString(data, "{}");
            // A small recording, replayed state after state by a thread of its own.
            fs.startRecording();
            Files.writeString(fs.root().resolve("small"), "x");
            fs.sync();
            Recording small = fs.stopRecording();
            CrashStates states = CrashStates.of(small, CrashStates.Bounds.DEFAULT);
            Thread.ofPlatform().daemon().start(() -> {
                try (CrashStateReplayer replayer = new CrashStateReplayer(small, fs.workDir())) {
                    while (true) {
                        replayer.replayAll(states, (state, view) -> { });
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            fs.startRecording();
            // 64 MiB in a file: the image holds them and so does the log.
            try (FileChannel big = FileChannel.open(fs.root().resolve("big"), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                ByteBuffer chunk = ByteBuffer.allocate(1 << 20);
                for (int i = 0; i < 64; i++) {
                    java.util.Arrays.fill(chunk.array(), (byte) ('a' + i % 26));
                    chunk.clear();
                    big.write(chunk);
                }
                big.force(true);
            }
            Thread.ofPlatform().daemon().start(() -> {
                try (FileChannel channel = FileChannel.open(fs.root().resolve("fsyncing"), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                    for (long i = 0; ; i++) {
                        channel.write(ByteBuffer.wrap(("line " + i + "\n").getBytes()));
                        channel.force(true);
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            Process writer = new ProcessBuilder("/usr/bin/python3", SAFE_WRITER.toString(), data.toString(), "1", "1000000")
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            writer.getOutputStream().write("go\n".getBytes());
            writer.getOutputStream().flush();
            // An idle process whose working directory is on the file system, as a writer's background
            // child may be: it does no I/O to fail on, and it pins the namespace and the mount.
            new ProcessBuilder("sleep", "600").directory(fs.root().toFile())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            Thread.sleep(500); // the writer is updating, the thread fsyncing, states mounting
            System.out.println("busy");
            System.out.flush();
            Thread.sleep(TimeUnit.MINUTES.toMillis(5));
        }
    }
}
