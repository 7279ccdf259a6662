package clobber.check;

import clobber.strategy.Step;
import clobber.strategy.Verdict;
import com.fasterxml.jackson.annotation.JsonInclude;
import clobber.driver.Failures;
import clobber.driver.Move;
import clobber.driver.PowerLossTrace;
import clobber.driver.Reads;
import clobber.workload.Loss;

import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One run, measured and judged: the result JSON holds one of these per run. {@code loss} is what
 * the final state says about the acknowledged writes: an exact count, or a bound where the
 * workload can only bound it, and the files that do not parse. {@code expected} is what the
 * strategy's claim predicts for the conditions of this run: SAFE where it claims to survive them,
 * the failures it names where it does not; {@code claimHeld}, whether the verdict is one of them
 * (a broken strategy that came out SAFE, or failed in a way its claim does not name, means the
 * claim does not describe it, which is a result too). {@code lossStory}, where a write was
 * lost and the workload can tell which, is the interleaving that lost it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunResult(
        Subject subject,
        Counts counts,
        Loss loss,
        Failures failures,
        Timing timing,
        Overlaps overlaps,
        Reads reads,
        Crashes crashes,
        String stalled,
        Judgement judgement,
        PowerLoss powerLoss,
        List<LossStory.Event> lossStory,
        List<String> notes,
        Exploration exploration) {

    /** A run as {@link Experiment} judges it: no exploration. */
    public RunResult(Subject subject, Counts counts, Loss loss, Failures failures, Timing timing, Overlaps overlaps,
                     Reads reads, Crashes crashes, String stalled, Judgement judgement, PowerLoss powerLoss,
                     List<LossStory.Event> lossStory, List<String> notes) {
        this(subject, counts, loss, failures, timing, overlaps, reads, crashes, stalled, judgement, powerLoss,
                lossStory, notes, null);
    }

    /** This schedule's run, the worst of an exploration, as its face: the exploration's figures attached. */
    RunResult explored(Exploration figures) {
        return new RunResult(subject, counts, loss, failures, timing, overlaps, reads, crashes, stalled,
                judgement, powerLoss, lossStory, notes, figures);
    }

    /**
     * What the explorer found: {@code schedules} run, {@code equivalentSkipped} choices not run
     * because a schedule run covers them, {@code badSchedules} that lost, corrupted, deadlocked or
     * otherwise failed ({@code badByVerdict}), whether the bound on schedules cut the search
     * ({@code searchBounded}), and the shortest bad schedule: the {@code --schedule} that replays it
     * and its moves; the first bad schedule's number and how long the search took to reach it, and
     * how long it took in all. {@code diverged} counts schedules whose replayed prefix met other choices
     * than it had (a writer blocked in one run and not in another): 0 in a faithful exploration.
     * {@code stopAt}: the step where the first writer to reach it was stopped for good, if any.
     */
    public record Exploration(long schedules, long equivalentSkipped, long badSchedules, Map<Verdict, Long> badByVerdict,
                              boolean searchBounded, String shortestBadSchedule, List<Move> shortestBadMoves,
                              Long firstBadSchedule, Double firstBadMillis, double millis, int diverged, Step stopAt) {}

    /** What ran: the strategy (with its lock, if it takes one), the driver, the workload, and any external writers. */
    public record Subject(String strategy, String lock, String driver, String workload, String externalWriters) {}

    /** How much: writers (external ones included), updates each, updates attempted, updates acknowledged. */
    public record Counts(int writers, int writesPerWriter, long attempted, long acknowledged) {}

    /**
     * How fast: wall time from the start signal, acknowledged updates per second of it, update
     * latency, and the contention achieved (the fraction of the run with two writers inside an update).
     */
    public record Timing(double wallMillis, double opsPerSec, Latency latencyMicros, double contention) {}

    /** What the crash driver did: writers killed, and the temp files they left beside the data file. */
    public record Crashes(int kills, long leftoverTempFiles) {}

    /**
     * What the powerloss driver found: under {@code model}, {@code crashStates} states over
     * {@code crashPoints} points of the trace, {@code badCrashStates} of them corrupt or missing an
     * acknowledged update; {@code searchBounded} if the bound on states a point cut the search;
     * {@code firstBadState}, the worst bad state's story.
     */
    public record PowerLoss(String model, int crashPoints, long crashStates, long badCrashStates, boolean searchBounded,
                            CutStory firstBadState) {}

    /**
     * The story of a bad state: the trace up to the cut ({@code trace}, the last operations, each
     * on disk or not) and what the state then held ({@code outcome}: the acknowledged updates it
     * lacked, or why it did not parse).
     */
    public record CutStory(List<PowerLossTrace.Traced> trace, String outcome) {}

    /**
     * The verdict and the claim it was held against: the claim in words, the verdicts it
     * {@code expected} for this run's conditions, and whether the verdict is one of them.
     */
    public record Judgement(String claim, Set<Verdict> expected, Verdict verdict, boolean claimHeld) {}

    /**
     * Update latency in microseconds. {@code histogram}: counts per power-of-two bucket (each
     * bucket's upper bound), from the bucket of the fastest update to that of the slowest, for the
     * report's latency charts.
     */
    public record Latency(long p50, long p99, long max, List<Bucket> histogram) {

        public Latency(long p50, long p99, long max) {
            this(p50, p99, max, List.of());
        }

        public static Latency of(Histogram micros) {
            List<Bucket> buckets = new ArrayList<>();
            if (micros.getTotalCount() > 0) {
                long low = 0;
                for (long upTo = 1; low <= micros.getMaxValue(); upTo *= 2) {
                    long count = micros.getCountBetweenValues(low, upTo);
                    if (count > 0 || !buckets.isEmpty()) {
                        buckets.add(new Bucket(upTo, count));
                    }
                    low = micros.highestEquivalentValue(upTo) + 1;
                }
            }
            return new Latency(micros.getValueAtPercentile(50), micros.getValueAtPercentile(99), micros.getMaxValue(), buckets);
        }
    }

    /** {@code count} updates took more than the previous bucket's bound and at most {@code upToMicros}. */
    public record Bucket(long upToMicros, long count) {}
}
