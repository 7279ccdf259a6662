package clobber.driver.blockdev;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Power cuts recorded from the kernel: writers run on a real file system, every block write and
 * flush is logged with a mark at each acknowledgement, and every crash state the log allows is
 * mounted (recovery runs) and judged. Measured, not assumed: the Python reference writer (temp
 * file, fsync, rename, directory fsync) loses nothing on ext4, xfs and btrfs; the same writer
 * without its fsyncs leaves data.json empty in some states on ext4 mounted noauto_da_alloc and
 * on xfs, and in none on ext4's default mount (auto_da_alloc writes the data at the rename) or
 * btrfs.
 */
@org.junit.jupiter.api.parallel.ResourceLock(clobber.SharedResources.REAL_FILE_SYSTEMS)
class PowerCutTest {
    private static final Path SAFE_WRITER = Path.of("src/main/writers/python/atomic_json_update.py").toAbsolutePath();
    private static final Path NO_FSYNC_WRITER = Path.of("src/test/resources/clobber/driver/blockdev/replace_no_fsync.py").toAbsolutePath();

    @TempDir
    Path sandbox;

    record Result(int writes, int flushes, int states, int prefixStates, int subsetStates, boolean bounded, String bound,
                  int acknowledged, int statesJudgedWithAcks, int bad, int empty, String firstBad, String lastState,
                  double medianMs, List<String> writerTrouble) {}

    private Result run(String fs, Path writer, int writers, int updates, boolean commitBeforeSync) throws Exception {
        Path workDir = Files.createDirectory(sandbox.resolve("work"));
        Result result = InNamespace.run(Inside.class, Result.class, workDir.toString(), fs, writer.toString(),
                Integer.toString(writers), Integer.toString(updates), Boolean.toString(commitBeforeSync));
        System.out.println(fs + " " + writer.getFileName() + ": " + result);
        assertEquals(List.of(), result.writerTrouble(), "the writers ran cleanly");
        assertEquals(writers * updates, result.acknowledged(), "every update was acknowledged");
        assertTrue(result.statesJudgedWithAcks() > 0, "some states were cut after an acknowledgement: " + result);
        assertTrue(result.lastState().startsWith("OK"), "the synced end holds every update: " + result.lastState());
        assertEquals(List.of(), InNamespace.leftoversAfter(workDir, 10));
        return result;
    }

    @Test
    void fsyncRenameAndDirectoryFsyncLoseNothingOnExt4() throws Exception {
        Result result = run("ext4", SAFE_WRITER, 2, 2, false);
        assertEquals(0, result.bad(), result.firstBad());
    }

    @Test
    void fsyncRenameAndDirectoryFsyncLoseNothingOnXfs() throws Exception {
        Result result = run("xfs", SAFE_WRITER, 2, 2, false);
        assertEquals(0, result.bad(), result.firstBad());
    }

    @Test
    void fsyncRenameAndDirectoryFsyncLoseNothingOnBtrfs() throws Exception {
        Result result = run("btrfs", SAFE_WRITER, 2, 2, false);
        assertEquals(0, result.bad(), result.firstBad());
    }

    /**
     * The journal commits the rename (here forced by another file's fsync, as jbd2's 5 s timer
     * would) while the new data.json's blocks are not even allocated (delayed allocation): a
     * cut after that commit and before the sync's finds data.json empty.
     */
    @Test
    void noFsyncLeavesAnEmptyDataFileOnExt4WithoutAutoDaAlloc() throws Exception {
        Result result = run("ext4:noauto_da_alloc", NO_FSYNC_WRITER, 1, 2, true);
        assertTrue(result.empty() > 0, "some state has an empty data.json: " + result);
    }

    @Test
    void noFsyncLeavesAnEmptyDataFileOnXfs() throws Exception {
        Result result = run("xfs", NO_FSYNC_WRITER, 1, 2, true);
        assertTrue(result.empty() > 0, "some state has an empty data.json: " + result);
    }

    /** ext4's default auto_da_alloc starts the data's write-out at a rename over a file: then never empty, though updates are lost. */
    @Test
    void noFsyncNeverLeavesAnEmptyDataFileOnDefaultExt4() throws Exception {
        Result result = run("ext4", NO_FSYNC_WRITER, 1, 2, true);
        assertEquals(0, result.empty(), result.toString());
        assertTrue(result.bad() > 0, "with no fsync a cut loses acknowledged updates: " + result);
    }

    @Test
    void noFsyncNeverLeavesAnEmptyDataFileOnBtrfs() throws Exception {
        Result result = run("btrfs", NO_FSYNC_WRITER, 1, 2, true);
        assertEquals(0, result.empty(), result.toString());
    }

    /** Inside the namespace: the file system, the writers, the recording, every crash state judged. */
    static final class Inside {
        public static void main(String[] args) throws Exception {
            Path workDir = Path.of(args[0]);
            FsSpec spec = FsSpec.parse(args[1]);
            Path writer = Path.of(args[2]);
            int writers = Integer.parseInt(args[3]);
            int updates = Integer.parseInt(args[4]);
            boolean commitBeforeSync = Boolean.parseBoolean(args[5]);
            Result result;
            try (RealFs fs = RealFs.create(workDir, spec)) {
                Path data = fs.root().resolve("data.json");
                Files.writeString(data, "{}");
                fs.startRecording();
                List<List<String>> commands = new ArrayList<>();
                for (int w = 1; w <= writers; w++) {
                    commands.add(List.of("/usr/bin/python3", writer.toString(), data.toString(), Integer.toString(w), Integer.toString(updates)));
                }
                List<ExternalWriter> outcomes = ExternalWriter.runAll(fs, commands);
                if (commitBeforeSync) {
                    fsyncAnotherFile(fs.root().resolve("other"));
                }
                fs.sync();
                Recording recording = fs.stopRecording();
                CrashStates plan = CrashStates.of(recording, CrashStates.Bounds.DEFAULT);
                int[] tally = new int[3]; // bad, empty, judged with acks
                String[] firstBad = {""};
                String[] last = {""};
                List<CrashStateReplayer.Timing> timings;
                try (CrashStateReplayer replayer = new CrashStateReplayer(recording, fs.workDir())) {
                    timings = replayer.replayAll(plan, (state, view) -> {
                        Judged judged = Judged.judge(view, "data.json", state.acknowledged());
                        if (judged.bad()) {
                            tally[0]++;
                            if (firstBad[0].isEmpty()) {
                                firstBad[0] = state.describe() + ": " + judged;
                            }
                        }
                        tally[1] += judged.verdict() == Judged.Verdict.EMPTY ? 1 : 0;
                        tally[2] += state.acknowledged().isEmpty() ? 0 : 1;
                        if (state.prefix() && state.cutAt() == recording.entries().size()) {
                            last[0] = judged.verdict() + " " + judged.detail();
                        }
                    });
                }
                List<String> trouble = new ArrayList<>();
                for (ExternalWriter outcome : outcomes) {
                    if (outcome.exit() != 0 || !outcome.otherLines().isEmpty()) {
                        trouble.add("exit " + outcome.exit() + " " + outcome.otherLines() + " " + outcome.stderr());
                    }
                }
                double[] millis = timings.stream().mapToDouble(t -> t.total() / 1e6).sorted().toArray();
                result = new Result((int) recording.count(LogEntry.Write.class), (int) recording.count(LogEntry.Flush.class),
                        plan.states().size(), plan.prefixStates(), plan.subsetStates(), plan.bounded(), plan.bound(),
                        outcomes.stream().mapToInt(o -> o.acknowledged().size()).sum(), tally[2], tally[0], tally[1],
                        firstBad[0], last[0], millis[millis.length / 2], trouble);
            }
            InNamespace.print(result);
        }

        /** What jbd2's commit timer (5 s) or xfs's log worker would do meanwhile: another file's fsync commits the journal. */
        private static void fsyncAnotherFile(Path other) throws IOException {
            try (FileChannel channel = FileChannel.open(other, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                channel.write(java.nio.ByteBuffer.wrap("other".getBytes()));
                channel.force(true);
            }
        }
    }
}
