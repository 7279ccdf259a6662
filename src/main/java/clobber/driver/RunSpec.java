package clobber.driver;

import clobber.strategy.StepHook;
import clobber.strategy.WriteStrategy;
import clobber.workload.Workload;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * One run: {@code writers} writers each apply {@code writesPerWriter} updates of {@code workload}
 * to {@code file} with {@code strategy}. The rest is what the run does to them:
 * {@code pauses} hold race windows open; {@code readers} threads read the file without a lock
 * meanwhile; {@code crash} kills writer processes; {@code external} adds writers that are
 * programs of any language. A run is stopped and reported stalled when no update completes for
 * {@code stallAfter}, or when it is still going after {@code timeout}. The writer-side parts can
 * be sent to a worker process, which is why pauses are data, not an arbitrary hook.
 * {@code updatesDone} counts finished updates (acknowledged or given up) as they happen, so that a
 * progress display can follow a run still going; the checker never reads it.
 */
public record RunSpec(WriteStrategy strategy, Workload workload, int writers, int writesPerWriter, Path file,
                      List<Pause> pauses, Duration timeout, Duration stallAfter, int readers, CrashPlan crash,
                      ExternalWriters external, LongAdder updatesDone) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);
    public static final Duration DEFAULT_STALL = Duration.ofSeconds(5);

    public RunSpec {
        pauses = List.copyOf(pauses);
    }

    /** A plain run: no pauses, readers, crashes or external writers; default timeout and stall window. */
    public static RunSpec of(WriteStrategy strategy, Workload workload, int writers, int writesPerWriter, Path file) {
        return new RunSpec(strategy, workload, writers, writesPerWriter, file, List.of(), DEFAULT_TIMEOUT,
                DEFAULT_STALL, 0, null, null, new LongAdder());
    }

    public RunSpec withPauses(List<Pause> more) {
        return new RunSpec(strategy, workload, writers, writesPerWriter, file, more, timeout, stallAfter, readers, crash, external, updatesDone);
    }

    public RunSpec withLimits(Duration newTimeout, Duration newStallAfter) {
        return new RunSpec(strategy, workload, writers, writesPerWriter, file, pauses, newTimeout, newStallAfter, readers, crash, external, updatesDone);
    }

    public RunSpec withReaders(int count) {
        return new RunSpec(strategy, workload, writers, writesPerWriter, file, pauses, timeout, stallAfter, count, crash, external, updatesDone);
    }

    public RunSpec withCrash(CrashPlan plan) {
        return new RunSpec(strategy, workload, writers, writesPerWriter, file, pauses, timeout, stallAfter, readers, plan, external, updatesDone);
    }

    public RunSpec withExternal(ExternalWriters writersOutside) {
        return new RunSpec(strategy, workload, writers, writesPerWriter, file, pauses, timeout, stallAfter, readers, crash, writersOutside, updatesDone);
    }

    /** This run with {@code count} writers of the strategy (external ones aside) of {@code writes} updates each. */
    public RunSpec withSize(int count, int writes) {
        return new RunSpec(strategy, workload, count, writes, file, pauses, timeout, stallAfter, readers, crash, external, updatesDone);
    }

    /** This run on {@code another} file (a fresh directory for each schedule the explorer runs). */
    public RunSpec withFile(Path another) {
        return new RunSpec(strategy, workload, writers, writesPerWriter, another, pauses, timeout, stallAfter, readers, crash, external, updatesDone);
    }

    public RunSpec withProgress(LongAdder counter) {
        return new RunSpec(strategy, workload, writers, writesPerWriter, file, pauses, timeout, stallAfter, readers, crash, external, counter);
    }

    /** Every writer, the strategy's and the external ones; external writers are numbered after the others. */
    public int totalWriters() {
        return writers + (external == null ? 0 : external.count());
    }

    public long attempted() {
        return (long) totalWriters() * writesPerWriter;
    }

    /** The pauses as one hook. */
    StepHook pauseHook() {
        StepHook hook = StepHook.NONE;
        for (Pause pause : pauses) {
            hook = hook.andThen(pause);
        }
        return hook;
    }
}
