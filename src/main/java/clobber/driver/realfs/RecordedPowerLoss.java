package clobber.driver.realfs;

import clobber.check.Evidence;
import clobber.driver.Driver;
import clobber.driver.RunSpec;
import clobber.driver.blockdev.CrashStates;
import clobber.driver.blockdev.FsSpec;
import clobber.driver.process.WorkerPool;
import clobber.strategy.Condition;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.Set;

/**
 * Power cuts recorded from the kernel, as xfstests' dm-log-writes and CrashMonkey record them:
 * the writers (a worker JVM each, any external writers beside them, any number of updates) run on
 * a real file system of clobber's own, every block write and flush of it is logged with a mark at
 * each acknowledgement, and every state a cut could leave (each prefix of the log, and the sets of
 * writes since a flush that a volatile cache may have lost, at most {@code maxStates} a flush) is
 * built, mounted so that the journal or log recovery runs, and judged: the data file must parse
 * and hold every update acknowledged before the cut. No model, no tracer: the file system's own code.
 */
public final class RecordedPowerLoss implements Driver {
    /** Updates per writer at most, and writers at most: a recording's states number about ten a fsync. */
    static final int UPDATES = 10;
    static final int WRITERS = 2;

    /**
     * After each update, the journal commit that ext4's (5 s) and xfs's timers would make a moment
     * later: a file of clobber's own written and fsynced, which commits what the file system's
     * journal holds (a rename, say) without forcing anyone's data. The log keeps every state before
     * the commit too; without it, a run shorter than the timer would show no commit at all, and a
     * rename reaching the disk before its data (the zero-length file of ext4's noauto_da_alloc)
     * could never be seen.
     */
    private static final RecordedRun.Cue COMMIT = (fs, finished) -> {
        try (FileChannel tick = FileChannel.open(fs.root().resolve(".clobber-commit"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE)) {
            tick.write(ByteBuffer.wrap(new byte[] {(byte) finished}), 0);
            tick.force(true);
        }
    };

    private final WorkerPool pool;
    private final FsSpec fs;
    private final int maxStates;
    private RecordedRun last;

    public RecordedPowerLoss(WorkerPool pool, FsSpec fs, int maxStates) {
        this.pool = pool;
        this.fs = fs;
        this.maxStates = maxStates;
    }

    /** Power loss; and processes, where two writer processes or more share the file. */
    @Override
    public Set<Condition> conditions(Set<Condition> nominal, RunSpec spec) {
        return Driver.processesIfShared(nominal, spec);
    }

    @Override
    public RunSpec sized(RunSpec spec) {
        return spec.withSize(Math.min(WRITERS, spec.writers().count()), Math.min(UPDATES, spec.writesPerWriter()));
    }

    @Override
    public String unfit(RunSpec spec) {
        if (spec.stress().crash() != null || spec.stress().readers() > 0) {
            return "a power cut is the crash here, and the states are judged after the run (no --crash-at, --crash-rate or readers)";
        }
        return RecordedRun.unfit(fs);
    }

    @Override
    public Evidence run(RunSpec requested) throws InterruptedException, IOException {
        close();
        RunSpec spec = sized(requested);
        last = RecordedRun.open(spec, fs);
        RecordedRun.Recorded recorded = last.execute(spec, pool, COMMIT);
        CrashStates plan = CrashStates.of(recorded.recording(), new CrashStates.Bounds(maxStates, spec.seed()));
        return recorded.evidence().cut(new RecordedCuts(fs + ", recorded", last.fs(), recorded.recording(), plan, recorded.marks()));
    }

    /** The last run's file system, kept until its crash states were judged. */
    @Override
    public void close() {
        if (last != null) {
            try {
                last.close();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } finally {
                last = null;
            }
        }
    }
}
