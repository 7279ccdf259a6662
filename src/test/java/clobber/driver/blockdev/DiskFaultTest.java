package clobber.driver.blockdev;

import clobber.os.FileExtents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Disks that fail and fill up, on ext4. The device refusing a file's data blocks gives the
 * writer EIO at its fsync, once: the retried fsync returns 0 and the data never reaches the disk
 * (PostgreSQL's "fsyncgate", <a href="https://wiki.postgresql.org/wiki/Fsync_Errors">wiki.postgresql.org/wiki/Fsync_Errors</a>).
 * A file system with no room left makes a rewrite in place leave a truncated file, and a
 * temp-file replace fail before its rename with the old file whole.
 */
@org.junit.jupiter.api.parallel.ResourceLock(clobber.SharedResources.REAL_FILE_SYSTEMS)
class DiskFaultTest {
    private static final Path SAFE_WRITER = Path.of("src/main/writers/python/atomic_json_update.py").toAbsolutePath();
    private static final Path RESOURCES = Path.of("src/test/resources/clobber/driver/blockdev").toAbsolutePath();

    @TempDir
    Path sandbox;

    record Fsyncgate(List<String> writerSaid, int refusedWrites, int statesAfterAck, int statesAfterAckWithNewData,
                     String liveBytes, String firstSync, String diskBytesAtEnd) {}

    record NoSpace(long freeBefore, List<String> writerSaid, int exit, String stderr, long size, String verdict, boolean unchanged,
                   long freeAfterRelease) {}

    @Test
    void aRetriedFsyncSucceedsWithTheDataGone() throws Exception {
        Path workDir = Files.createDirectory(sandbox.resolve("work"));
        Fsyncgate result = InNamespace.run(Inside.class, Fsyncgate.class, "fsyncgate", workDir.toString());
        System.out.println(result);
        assertEquals(List.of("fsync1 errno 5", "fsync2 ok"), result.writerSaid(), "EIO once, then 0");
        assertTrue(result.refusedWrites() > 0, "the device refused the file's data writes");
        assertTrue(result.statesAfterAck() > 0, "states were cut after the writer acknowledged");
        assertEquals(0, result.statesAfterAckWithNewData(), "no state holds the acknowledged data");
        assertEquals("new", result.liveBytes(), "the page cache still shows the new data, clean");
        assertTrue(result.firstSync().contains("Input/output error"), "syncfs reports the error once too: " + result.firstSync());
        assertEquals("old", result.diskBytesAtEnd(), "after a sync the device still has the old data");
        assertEquals(List.of(), InNamespace.leftoversAfter(workDir, 10));
    }

    record Filled(long freeAfterFill, String nextBlock) {}

    /**
     * A fill of free space in pieces: ext4's fallocate needs a block for the ballast's extent tree
     * when the last piece is taken, fails with ENOSPC and keeps the pieces before it. The fill asks
     * again for less, past that range: asked again inside it, fallocate finds the blocks there
     * allocated, takes nothing and succeeds, and 740 KiB were left for the writers.
     */
    @Test
    void aFillOfScatteredFreeSpaceLeavesNoBlock() throws Exception {
        Path workDir = Files.createDirectory(sandbox.resolve("work"));
        Filled result = InNamespace.run(Inside.class, Filled.class, "fill", workDir.toString());
        System.out.println(result);
        assertEquals(0, result.freeAfterFill(), "no block left for a file");
        assertTrue(result.nextBlock().contains("No space left on device"), "a file's next block: " + result.nextBlock());
        assertEquals(List.of(), InNamespace.leftoversAfter(workDir, 10));
    }

    @Test
    void noSpaceLeftMakesARewriteInPlaceLeaveATruncatedFile() throws Exception {
        Path workDir = Files.createDirectory(sandbox.resolve("work"));
        NoSpace result = InNamespace.run(Inside.class, NoSpace.class, "rewrite", workDir.toString(),
                RESOURCES.resolve("rewrite_in_place.py").toString());
        System.out.println(result);
        assertTrue(result.freeBefore() <= 64 * 1024, "the ballast left at most 64 KiB: " + result.freeBefore());
        assertEquals(List.of("write errno 28"), result.writerSaid(), "ENOSPC at the write");
        assertTrue(result.verdict().startsWith("EMPTY") || result.verdict().startsWith("CORRUPT"), result.verdict());
        assertTrue(result.size() < (1 << 20), "the new document did not fit: " + result.size());
        assertTrue(result.freeAfterRelease() > (32 << 20), "the ballast's room is free again: " + result.freeAfterRelease());
        assertEquals(List.of(), InNamespace.leftoversAfter(workDir, 10));
    }

    @Test
    void noSpaceLeftMakesATempFileReplaceFailWithTheOldFileWhole() throws Exception {
        Path workDir = Files.createDirectory(sandbox.resolve("work"));
        NoSpace result = InNamespace.run(Inside.class, NoSpace.class, "replace", workDir.toString(), SAFE_WRITER.toString());
        System.out.println(result);
        assertTrue(result.freeBefore() <= 64 * 1024, "the ballast left at most 64 KiB: " + result.freeBefore());
        assertEquals(1, result.exit(), "the reference writer dies of the error");
        assertTrue(result.stderr().contains("No space left on device"), result.stderr());
        assertTrue(result.verdict().startsWith("OK"), result.verdict());
        assertTrue(result.unchanged(), "data.json is byte for byte the old document");
        assertEquals(List.of(), InNamespace.leftoversAfter(workDir, 10));
    }

    static final class Inside {
        private static final String PAD = "p".repeat(256 * 1024);

        public static void main(String[] args) throws Exception {
            Path workDir = Path.of(args[1]);
            switch (args[0]) {
                case "fsyncgate" -> InNamespace.print(fsyncgate(workDir));
                case "fill" -> InNamespace.print(fill(workDir));
                case "rewrite", "replace" -> InNamespace.print(noSpace(workDir, Path.of(args[2]), args[0].equals("replace")));
                default -> throw new IllegalArgumentException(args[0]);
            }
        }

        private static Fsyncgate fsyncgate(Path workDir) throws Exception {
            try (RealFs fs = RealFs.create(workDir, FsSpec.parse("ext4"))) {
                Path data = fs.root().resolve("data.json");
                Files.writeString(data, "{\"old\": \"" + "a".repeat(8000) + "\"}");
                fs.sync();
                List<FileExtents.Extent> extents = fs.deviceExtents(data);
                FileExtents.Extent extent = extents.getFirst();
                fs.startRecording();
                fs.failWrites(FaultPlan.writesTo(extent.physical(), extent.physical() + extent.length()));
                ExternalWriter writer = ExternalWriter.run(fs, List.of("/usr/bin/python3",
                        RESOURCES.resolve("fsync_twice.py").toString(), data.toString()));
                fs.healWrites();
                String live = Files.readString(data).substring(2, 5);
                String sync = "ok";
                try {
                    fs.sync(); // syncfs(2) reports the file system's write error too, once
                } catch (java.io.IOException e) {
                    sync = e.getMessage();
                    fs.sync();
                }
                Recording recording = fs.stopRecording();
                int[] counts = new int[2];
                String[] end = {""};
                try (CrashStateReplayer replayer = new CrashStateReplayer(recording, fs.workDir())) {
                    replayer.replayAll(CrashStates.of(recording, CrashStates.Bounds.DEFAULT), (state, view) -> {
                        String bytes = Files.readString(((StateView.Mounted) view).root().resolve("data.json")).substring(2, 5);
                        if (!state.acknowledged().isEmpty()) {
                            counts[0]++;
                            counts[1] += bytes.equals("new") ? 1 : 0;
                        }
                        if (state.prefix() && state.cutAt() == recording.entries().size()) {
                            end[0] = bytes;
                        }
                    });
                }
                return new Fsyncgate(writer.otherLines(), (int) recording.count(LogEntry.FailedWrite.class),
                        counts[0], counts[1], live, sync, end[0]);
            }
        }

        /**
         * Free space in pieces (every other 1 MiB file of 10 deleted, and the rest of the disk), so
         * that the ballast's last piece needs a block for its extent tree (an inode holds 4 extents)
         * and none is left; filled; then one more block asked of it.
         */
        private static Filled fill(Path workDir) throws Exception {
            try (RealFs fs = RealFs.create(workDir, FsSpec.parse("ext4"))) {
                for (int i = 0; i < 10; i++) {
                    Files.write(fs.root().resolve("piece-" + i), new byte[1024 * 1024]);
                    fs.sync();
                }
                for (int i = 0; i < 10; i += 2) {
                    Files.delete(fs.root().resolve("piece-" + i));
                }
                fs.sync();
                long free = fs.fillLeaving(0);
                String nextBlock;
                try (var out = java.nio.channels.FileChannel.open(fs.root().resolve("piece-1"), java.nio.file.StandardOpenOption.APPEND)) {
                    out.write(java.nio.ByteBuffer.allocate(FsKind.BLOCK));
                    out.force(true);
                    nextBlock = "written";
                } catch (java.io.IOException refused) {
                    nextBlock = refused.getMessage();
                }
                fs.releaseBallast();
                return new Filled(free, nextBlock);
            }
        }

        private static NoSpace noSpace(Path workDir, Path writerScript, boolean referenceWriter) throws Exception {
            try (RealFs fs = RealFs.create(workDir, FsSpec.parse("ext4"))) {
                Path data = fs.root().resolve("data.json");
                String old = "{\"pad\": \"" + PAD + "\"}";
                Files.writeString(data, old);
                long free = fs.fillLeaving(48 * 1024);
                List<String> command = referenceWriter
                        ? List.of("/usr/bin/python3", writerScript.toString(), data.toString(), "1", "1")
                        : List.of("/usr/bin/python3", writerScript.toString(), data.toString());
                ExternalWriter writer = ExternalWriter.run(fs, command);
                Judged judged = Judged.judge(new StateView.Mounted(fs.root()), "data.json", List.of());
                String now = Files.readString(data);
                long size = Files.size(data);
                fs.releaseBallast();
                return new NoSpace(free, writer.otherLines(), writer.exit(), writer.stderr().strip(), size,
                        judged.verdict() + " " + judged.detail(), now.equals(old), fs.free());
            }
        }
    }
}
