package clobber.driver;

import clobber.strategy.StepHook;
import clobber.strategy.WriteStrategy;
import clobber.workload.Workload;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * One run: {@link Writers} apply their updates to {@code file}; {@link Stress} is what the run
 * does to them meanwhile; {@link Limits} say when it is stopped and reported stalled. {@code seed}
 * makes every random choice of the run (which writer a crash kills and when, backoffs), so that a
 * run replays. The writer-side parts can be sent to a worker process, which is why pauses are
 * data, not an arbitrary hook. {@code updatesDone} counts finished updates (acknowledged or given
 * up) as they happen, so that a progress display can follow a run still going; the judge never
 * reads it.
 */
public record RunSpec(Writers writers, Path file, Stress stress, Limits limits, long seed, LongAdder updatesDone) {

    /**
     * Who writes what: {@code count} writers of {@code strategy}, each applying
     * {@code writesPerWriter} updates of {@code workload}, and {@code external} writers (programs in
     * any language, null for none) numbered after them.
     */
    public record Writers(WriteStrategy strategy, Workload workload, int count, int writesPerWriter, ExternalWriters external) {

        /** Every writer, the strategy's and the external ones. */
        public int total() {
            return count + (external == null ? 0 : external.count());
        }
    }

    /**
     * What the run does to its writers: {@code pauses} hold race windows open; {@code readers}
     * threads read the file without a lock meanwhile; {@code crash} kills writer processes (null:
     * none).
     */
    public record Stress(List<Pause> pauses, int readers, CrashPlan crash) {
        public static final Stress NONE = new Stress(List.of(), 0, null);

        public Stress {
            pauses = List.copyOf(pauses);
        }
    }

    /** A run is stopped when no update completes for {@code stallAfter}, or when it is still going after {@code timeout}. */
    public record Limits(Duration timeout, Duration stallAfter) {
        public static final int DEFAULT_TIMEOUT_SECONDS = 120;
        public static final int DEFAULT_STALL_SECONDS = 5;
        public static final Limits DEFAULT = new Limits(Duration.ofSeconds(DEFAULT_TIMEOUT_SECONDS), Duration.ofSeconds(DEFAULT_STALL_SECONDS));
    }

    /** A plain run: no pauses, readers, crashes or external writers; the default limits; seed 0. */
    public static RunSpec of(WriteStrategy strategy, Workload workload, int writers, int writesPerWriter, Path file) {
        return new RunSpec(new Writers(strategy, workload, writers, writesPerWriter, null), file, Stress.NONE,
                Limits.DEFAULT, 0, new LongAdder());
    }

    public WriteStrategy strategy() {
        return writers.strategy();
    }

    public Workload workload() {
        return writers.workload();
    }

    public int writesPerWriter() {
        return writers.writesPerWriter();
    }

    public long attempted() {
        return (long) writers.total() * writers.writesPerWriter();
    }

    public RunSpec withPauses(List<Pause> pauses) {
        return withStress(new Stress(pauses, stress.readers(), stress.crash()));
    }

    public RunSpec withReaders(int readers) {
        return withStress(new Stress(stress.pauses(), readers, stress.crash()));
    }

    public RunSpec withCrash(CrashPlan crash) {
        return withStress(new Stress(stress.pauses(), stress.readers(), crash));
    }

    public RunSpec withStress(Stress another) {
        return new RunSpec(writers, file, another, limits, seed, updatesDone);
    }

    public RunSpec withLimits(Limits another) {
        return new RunSpec(writers, file, stress, another, seed, updatesDone);
    }

    public RunSpec withExternal(ExternalWriters external) {
        return withWriters(new Writers(writers.strategy(), writers.workload(), writers.count(), writers.writesPerWriter(), external));
    }

    /** This run with {@code count} writers of the strategy (external ones aside) of {@code writes} updates each. */
    public RunSpec withSize(int count, int writes) {
        return withWriters(new Writers(writers.strategy(), writers.workload(), count, writes, writers.external()));
    }

    public RunSpec withWriters(Writers another) {
        return new RunSpec(another, file, stress, limits, seed, updatesDone);
    }

    /** This run on {@code another} file (a fresh directory for each schedule the explorer runs). */
    public RunSpec withFile(Path another) {
        return new RunSpec(writers, another, stress, limits, seed, updatesDone);
    }

    public RunSpec withSeed(long another) {
        return new RunSpec(writers, file, stress, limits, another, updatesDone);
    }

    public RunSpec withProgress(LongAdder counter) {
        return new RunSpec(writers, file, stress, limits, seed, counter);
    }

    /** The pauses as one hook. */
    public StepHook pauseHook() {
        StepHook hook = StepHook.NONE;
        for (Pause pause : stress.pauses()) {
            hook = hook.andThen(pause);
        }
        return hook;
    }
}
