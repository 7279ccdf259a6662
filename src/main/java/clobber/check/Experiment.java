package clobber.check;

import clobber.strategy.Verdict;
import clobber.driver.Driver;
import clobber.driver.DriverOutcome;
import clobber.driver.RunSpec;
import clobber.strategy.WriteStrategy;
import clobber.workload.FinalState;
import clobber.workload.Loss;
import clobber.workload.Workload;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Runs one {@link RunSpec} under one {@link Driver}, then judges what the writers left: corrupt
 * (a file of the state does not parse), lost writes (acknowledged keys or increments missing),
 * duplicated writes, torn reads, overlaps (the lock did not exclude), errors, inconclusive
 * (nothing proves the writes survived), or safe; for a power-loss run, also every state a cut
 * could have left ({@link PowerCuts}); and whether that is what the strategy claimed for the
 * conditions of the run.
 */
public final class Experiment {
    private Experiment() {}

    /** How a cell of a matrix is run and judged: once ({@link #ONCE}), or by exploring its schedules ({@link Exploration#runner}). */
    public interface Runner {
        RunResult run(Driver driver, RunSpec spec) throws IOException, InterruptedException;

        /** Why {@code driver} cannot run {@code spec} this way, or null. */
        default String unfit(Driver driver, RunSpec spec) {
            return driver.unfit(spec);
        }
    }

    /** One run, judged. */
    public static final Runner ONCE = Experiment::run;

    public static RunResult run(Driver driver, RunSpec requested) throws InterruptedException, IOException {
        RunSpec spec = driver.sized(requested);
        spec.workload().prepare(spec.file());
        DriverOutcome outcome = driver.run(spec);
        return judge(driver, spec, outcome);
    }

    static RunResult judge(Driver driver, RunSpec spec, DriverOutcome outcome) throws IOException {
        WriteStrategy strategy = spec.strategy();
        Workload workload = spec.workload();
        long acknowledged = outcome.acknowledged().count();
        FinalState state = workload.finalState(spec.file());
        Loss loss = state.loss(workload, outcome.acknowledged(), unacknowledgedAttempts(spec, outcome));
        List<LossStory.Event> story = state.document() == null ? null : LossStory.tell(outcome.traces(),
                workload.lostUpdates(state.document(), outcome.acknowledged())).orElse(null);
        Overlaps overlaps = Overlaps.in(outcome.traces());
        Verdict verdict = outcome.stalled() != null ? Verdict.STALLED
                : loss.unreadableFiles() > 0 ? Verdict.CORRUPT
                : loss.atLeast() > 0 ? Verdict.LOST_WRITES
                : loss.surplus() > 0 ? Verdict.DUPLICATED_WRITES
                : outcome.reads().torn() > 0 ? Verdict.TORN_READS
                : overlaps.count() > 0 ? Verdict.OVERLAPS
                : outcome.failures().givenUp() > 0 ? Verdict.ERRORS
                : acknowledged == 0 || loss.atMost() > 0 ? Verdict.INCONCLUSIVE
                : Verdict.SAFE;
        PowerCuts.Judgement cuts = outcome.powerLoss() == null ? null : PowerCuts.judge(spec, outcome.powerLoss());
        if (cuts != null && cuts.worst() != null && cuts.worst().compareTo(verdict) < 0) {
            verdict = cuts.worst();
        }
        Set<Verdict> expected = strategy.claim().expected(driver.conditions(spec));
        double seconds = outcome.wallNanos() / 1e9;
        return new RunResult(
                new RunResult.Subject(strategy.name(), strategy.lock().map(l -> l.name()).orElse(null), driver.name(),
                        workload.name(), spec.external() == null ? null : spec.external().label()),
                new RunResult.Counts(spec.totalWriters(), spec.writesPerWriter(), spec.attempted(), acknowledged),
                loss,
                outcome.failures(),
                new RunResult.Timing(outcome.wallNanos() / 1e6, seconds > 0 ? acknowledged / seconds : 0,
                        RunResult.Latency.of(outcome.latencyMicros()), outcome.contention()),
                overlaps,
                outcome.reads(),
                new RunResult.Crashes(outcome.crashes(), leftoverTempFiles(spec.file())),
                outcome.stalled(),
                new RunResult.Judgement(strategy.claim().toString(), expected, verdict, expected.contains(verdict)),
                cuts == null ? null : cuts.figures(),
                story,
                outcome.notes().isEmpty() ? null : outcome.notes());
    }

    /**
     * Attempts that may have changed the state without being acknowledged: every failed attempt
     * (it may have committed before it failed), every writer killed mid-update, every writer still
     * inside an update when a stalled run was stopped, and every unacknowledged update of an
     * external writer (whose retries, if any, are its own and unseen). Only a workload that counts
     * instead of naming writes needs this, to bound what it cannot see.
     */
    static long unacknowledgedAttempts(RunSpec spec, DriverOutcome outcome) {
        long external = 0;
        for (int w = spec.writers(); w < spec.totalWriters(); w++) {
            external += spec.writesPerWriter() - outcome.acknowledged().of(w).cardinality();
        }
        return outcome.failures().failedAttempts() + outcome.crashes() + (outcome.stalled() != null ? spec.totalWriters() : 0) + external;
    }

    /** Temp files a crashed writer left beside the data file: harmless, but they pile up. */
    private static long leftoverTempFiles(Path file) throws IOException {
        try (Stream<Path> files = Files.list(file.toAbsolutePath().getParent())) {
            return files.filter(p -> p.getFileName().toString().endsWith(".tmp")).count();
        }
    }
}
