package clobber.driver.realfs;

import clobber.check.Evidence;
import clobber.driver.Driver;
import clobber.driver.RunSpec;
import clobber.driver.blockdev.CrashState;
import clobber.driver.blockdev.CrashStates;
import clobber.driver.blockdev.FsKind;
import clobber.driver.blockdev.FsSpec;
import clobber.driver.blockdev.LogEntry;
import clobber.driver.blockdev.Recording;
import clobber.driver.process.WorkerPool;
import clobber.format.DataFormat;
import clobber.os.ErrnoException;
import clobber.strategy.Condition;
import clobber.workload.Blocks;
import clobber.workload.Keys;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A disk that fails, then fills up, under writer processes on a real ext4 of clobber's own:
 * <ol>
 *   <li>once a third of the run's updates have ended, the device refuses every write outside the
 *       journal with EIO for {@link #FAILING} updates: data written in place and new data alike
 *       fail, the journal's commits go through. A writer's fsync reports the error once; after
 *       it the kernel may have marked the pages clean, and a second fsync succeeds with nothing on
 *       the disk (PostgreSQL's "fsyncgate",
 *       <a href="https://wiki.postgresql.org/wiki/Fsync_Errors">wiki.postgresql.org/wiki/Fsync_Errors</a>);</li>
 *   <li>once two thirds have ended, the file system is filled to its last block: a write needs
 *       a block and gets ENOSPC, an in-place rewrite after its truncate, a temp file at once.</li>
 * </ol>
 * The final state is judged, and so is the disk as a power cut right after each acknowledgement
 * would leave it: an acknowledged update whose data never reached the disk is lost there, whatever
 * the page cache still shows.
 */
public final class FaultsDriver implements Driver {
    /** Writers at most, and updates each: a fault at a third, a full disk at two thirds, a state after every acknowledgement. */
    static final int WRITERS = 4;
    static final int UPDATES = 30;
    /** How many updates end while the device fails writes. */
    static final int FAILING = 10;

    private final WorkerPool pool;
    private final FsSpec fs;
    private RecordedRun last;

    public FaultsDriver(WorkerPool pool, FsSpec fs) {
        this.pool = pool;
        this.fs = fs;
    }

    @Override
    public Set<Condition> conditions(Set<Condition> nominal, RunSpec spec) {
        return Driver.processesIfShared(Driver.super.conditions(nominal, spec), spec);
    }

    /**
     * At most {@link #WRITERS} writers of {@link #UPDATES} updates; and keys that grow the document
     * a block at a time ({@link Blocks}), so that the full disk stops the next update, not one a
     * few hundred later. Blocks is JSON: a tool's file kept in another format (--format ini) keeps
     * its Keys, or the tool would be handed "{}" and the judge would read the tool's file as JSON.
     */
    @Override
    public RunSpec sized(RunSpec spec) {
        RunSpec small = spec.withSize(Math.min(WRITERS, spec.writers().count()), Math.min(UPDATES, spec.writesPerWriter()));
        if (!(small.workload() instanceof Keys keys) || keys.format() != DataFormat.JSON) {
            return small;
        }
        RunSpec.Writers writers = small.writers();
        return small.withWriters(new RunSpec.Writers(writers.strategy(), new Blocks(), writers.count(), writers.writesPerWriter(),
                writers.external()));
    }

    @Override
    public String unfit(RunSpec spec) {
        if (fs.kind() != FsKind.EXT4) {
            return "the faults driver spares ext4's journal, whose place it knows; not " + fs.kind().type();
        }
        if (spec.stress().crash() != null || spec.stress().readers() > 0) {
            return "the faults are the disk's here (no --crash-at, --crash-rate or readers)";
        }
        return RecordedRun.unfit(fs);
    }

    @Override
    public Evidence run(RunSpec requested) throws InterruptedException, IOException {
        close();
        RunSpec spec = sized(requested);
        long total = spec.attempted();
        long failFrom = total / 3;
        long healAt = failFrom + FAILING;
        long fullAt = Math.max(healAt, 2 * total / 3);
        List<String> notes = new ArrayList<>();
        last = RecordedRun.open(spec, fs);
        RecordedRun.Recorded recorded = last.execute(spec, pool, (realFs, finished) -> {
            if (finished == failFrom) {
                realFs.failDataWrites();
                notes.add("from update " + finished + " on, the device refused every write outside the journal (EIO)");
            } else if (finished == healAt) {
                realFs.healWrites();
                notes.add("at update " + finished + ", the device took writes again");
                try {
                    realFs.sync();
                } catch (ErrnoException reported) {
                    // syncfs(2) reports the file system's write errors once, to whoever asks first:
                    // this one is the harness's; each writer's fsync had its own
                }
            }
            if (finished == fullAt) {
                long left = realFs.fillLeaving(0);
                notes.add("at update " + finished + ", the file system was filled (" + left + " bytes left)");
            }
        });
        last.fs().healWrites();
        last.fs().releaseBallast();
        Recording recording = recorded.recording();
        CrashStates cuts = afterEachAcknowledgement(recording);
        return recorded.evidence().noted(notes).cut(new RecordedCuts(fs + " with faults, cut after each acknowledgement",
                last.fs(), recording, cuts, recorded.marks()));
    }

    /** The device as it is right after each acknowledgement, and at the end: a cut that follows each promise. */
    private static CrashStates afterEachAcknowledgement(Recording recording) {
        CrashStates prefixes = CrashStates.of(recording, CrashStates.Bounds.PREFIXES_ONLY);
        List<LogEntry> entries = recording.entries();
        List<CrashState> kept = new ArrayList<>();
        for (CrashState state : prefixes.states()) {
            boolean end = state.cutAt() == entries.size();
            boolean afterMark = false;
            for (int i = state.cutAt() - 1; i >= 0 && !(entries.get(i) instanceof LogEntry.Write); i--) {
                afterMark |= entries.get(i) instanceof LogEntry.Mark;
            }
            if (end || afterMark) {
                kept.add(state);
            }
        }
        return new CrashStates(kept, false, "");
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
