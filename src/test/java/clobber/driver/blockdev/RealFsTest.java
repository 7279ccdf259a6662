package clobber.driver.blockdev;

import clobber.os.NativeFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real file system's life: mounted with the options asked for, a prefix replay of a recording
 * giving back each durable version of a file in order, and refusals that leave nothing behind.
 */
@org.junit.jupiter.api.parallel.ResourceLock(clobber.SharedResources.REAL_FILE_SYSTEMS)
class RealFsTest {

    @TempDir
    Path sandbox;

    /** One prefix state: how many block writes it holds, the acknowledgements before it, data.json's content there. */
    record Seen(int blockWrites, List<String> acknowledged, String content) {}

    record Prefixes(String mountOptions, int writes, boolean bounded, String bound, List<Seen> states, List<String> leftAfterClose) {}

    /**
     * v1 durable before the recording; v2 then v3 each written to a temp file, fsynced, renamed
     * over data.json, the directory fsynced, then marked. Every prefix of the log mounts (ext4
     * replays its journal) with data.json at v1, v2 or v3, never going back, v3 at the end, and
     * each version on disk from its mark on.
     */
    @Test
    void everyPrefixOfTheLogHoldsEachDurableVersionInTurn() throws Exception {
        Path workDir = Files.createDirectory(sandbox.resolve("work"));
        Prefixes result = InNamespace.run(Inside.class, Prefixes.class, "prefixes", workDir.toString(), "ext4:data=journal");

        assertTrue(result.mountOptions().contains("data=journal"), "mounted as asked: " + result.mountOptions());
        assertEquals(result.writes() + 1, result.states().size(), "one prefix state per block write, and the empty prefix");
        assertTrue(result.bounded() && result.bound().startsWith("prefixes only"), "a plan of prefixes says so: " + result.bound());
        List<String> versions = List.of("{\"v\":1}", "{\"v\":2}", "{\"v\":3}");
        int last = 0;
        for (Seen seen : result.states()) {
            int version = versions.indexOf(seen.content());
            assertTrue(version >= 0, "data.json is one of the versions: " + seen);
            assertTrue(version >= last, "a prefix never goes back to an older version: " + seen);
            last = version;
            int acknowledged = seen.acknowledged().size(); // v2 is acknowledgement 1, v3 is 2
            assertTrue(version >= acknowledged, "an acknowledged version is on disk: " + seen);
        }
        assertEquals(versions.getFirst(), result.states().getFirst().content());
        assertEquals(versions.getLast(), result.states().getLast().content());
        assertTrue(result.states().stream().anyMatch(s -> s.content().equals(versions.get(1))), "v2 is seen in between");
        assertEquals(List.of(), result.leftAfterClose(), "close() itself, inside the namespace, took everything down");
        assertEquals(List.of(), InNamespace.leftoversAfter(workDir, 10));
    }

    /** Mount options the file system does not know: one error that quotes them, and nothing left (tmpfs, image server, loop device). */
    @Test
    void refusedMountOptionsAreNamedAndLeaveNothing() throws Exception {
        Path workDir = Files.createDirectory(sandbox.resolve("work"));
        InNamespace.Run run = InNamespace.start(Inside.class, "bad-options", workDir.toString(), "ext4:no_such_option");
        assertEquals(0, run.exit(), run.err());
        String message = run.result(String.class);
        assertTrue(message.startsWith("cannot mount ext4:no_such_option: mount(/dev/loop"), message);
        assertTrue(message.contains("Invalid argument"), message);
        assertEquals(List.of(), InNamespace.leftoversAfter(workDir, 10));
    }

    @Test
    void outsideAPrivateNamespaceNothingIsMounted() throws Exception {
        Path workDir = Files.createDirectory(sandbox.resolve("work"));
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> RealFs.create(workDir, FsSpec.parse("ext4")));
        assertTrue(refused.getMessage().contains("private namespace"), refused.getMessage());
        assertEquals(List.of(), InNamespace.leftovers(workDir));
    }

    @Test
    void fsNamesKindAndOptions() {
        assertEquals(new FsSpec(FsKind.EXT4, "noauto_da_alloc"), FsSpec.parse("ext4:noauto_da_alloc"));
        assertEquals(new FsSpec(FsKind.EXT4, "data=journal,commit=1"), FsSpec.parse("ext4:data=journal,commit=1"));
        assertEquals(new FsSpec(FsKind.XFS, ""), FsSpec.parse("xfs"));
        assertEquals(new FsSpec(FsKind.BTRFS, ""), FsSpec.parse("btrfs"));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> FsSpec.parse("zfs"));
        assertEquals("unknown file system 'zfs': ext4, xfs or btrfs", unknown.getMessage());
        MountOptions options = MountOptions.parse("noatime,data=journal,ro,commit=1");
        assertEquals(clobber.os.Mounts.MS_NOATIME | clobber.os.Mounts.MS_RDONLY, options.flags());
        assertEquals("data=journal,commit=1", options.data());
    }

    static final class Inside {
        public static void main(String[] args) throws Exception {
            Path workDir = Path.of(args[1]);
            FsSpec spec = FsSpec.parse(args[2]);
            switch (args[0]) {
                case "prefixes" -> InNamespace.print(prefixes(workDir, spec));
                case "bad-options" -> {
                    try (RealFs fs = RealFs.create(workDir, spec)) {
                        InNamespace.print("mounted: " + fs.root());
                    } catch (IOException refused) {
                        InNamespace.print(refused.getMessage());
                    }
                }
                default -> throw new IllegalArgumentException(args[0]);
            }
        }

        private static Prefixes prefixes(Path workDir, FsSpec spec) throws Exception {
            Prefixes prefixes;
            try (RealFs fs = RealFs.create(workDir, spec)) {
                String mounted = Files.readAllLines(Path.of("/proc/self/mounts")).stream()
                        .filter(line -> line.split(" ")[1].equals(fs.root().toString())).findFirst().orElse("");
                Path data = fs.root().resolve("data.json");
                replace(data, "{\"v\":1}");
                fs.startRecording();
                replace(data, "{\"v\":2}");
                fs.mark("v2");
                replace(data, "{\"v\":3}");
                fs.mark("v3");
                Recording recording = fs.stopRecording();
                CrashStates plan = CrashStates.of(recording, CrashStates.Bounds.PREFIXES_ONLY);
                List<Seen> seen = new ArrayList<>();
                try (CrashStateReplayer replayer = new CrashStateReplayer(recording, fs.workDir())) {
                    replayer.replayAll(plan, (state, view) -> {
                        String content = view instanceof StateView.Mounted m ? Files.readString(m.root().resolve("data.json"))
                                : "unmountable: " + ((StateView.Unmountable) view).reason();
                        seen.add(new Seen(state.blockWrites(), state.acknowledged(), content));
                    });
                }
                prefixes = new Prefixes(mounted, recording.writes().size(), plan.bounded(), plan.bound(), seen, List.of());
            }
            List<String> left = new ArrayList<>(InNamespace.leftovers(workDir));
            ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                    .forEach(p -> left.add("process " + p.pid() + " " + p.info().commandLine().orElse("")));
            return new Prefixes(prefixes.mountOptions(), prefixes.writes(), prefixes.bounded(), prefixes.bound(), prefixes.states(), left);
        }

        /** The durable replace: temp file, fsync, rename over, directory fsync. */
        private static void replace(Path file, String content) throws IOException {
            Path temp = file.resolveSibling(file.getFileName() + ".tmp");
            try (NativeFile out = NativeFile.open(temp)) {
                out.truncate(0);
                byte[] bytes = content.getBytes();
                out.write(bytes, 0, bytes.length);
                out.fsync();
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
            NativeFile.fsyncDirectory(file.getParent());
        }
    }
}
