package clobber.check;

import clobber.strategy.Step;
import clobber.strategy.Verdict;
import clobber.workload.Loss;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One run, measured and judged: the result JSON holds one of these per run. What ran
 * ({@code subject}) and how much ({@code counts}); how fast ({@code timing}); what the files show
 * ({@code damage}); what happened while it ran ({@code observed}); and the verdict against the
 * strategy's claim ({@code judgement}). An explored cell adds what the search found
 * ({@code exploration}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunResult(Subject subject, Counts counts, Timing timing, Damage damage, Observed observed,
                        Judgement judgement, Exploration exploration) {

    /** This schedule's run, the worst of an exploration, as its face: the exploration's figures attached. */
    public RunResult explored(Exploration figures) {
        return new RunResult(subject, counts, timing, damage, observed, judgement, figures);
    }

    /**
     * What ran: the strategy (with its lock, if it takes one), the driver, the workload, any
     * external writers, and the seed of the run's random choices (crash victims, kill times,
     * backoffs), which {@code --seed} replays; {@code plugIn}, for a strategy not shipped with
     * clobber, how the command line finds it again (null for a shipped one).
     */
    public record Subject(String strategy, String lock, String driver, String workload, String externalWriters, long seed,
                          PlugIn plugIn) {

        /** The strategy as the table names it: its name, and the lock if one was chosen. */
        public String label() {
            return strategy + (lock == null ? "" : " --lock " + lock);
        }

        /** The options that choose this strategy again: {@code --strategy}, by name or class, its lock and its class path. */
        public List<String> strategyOptions() {
            List<String> options = new ArrayList<>(List.of("--strategy", plugIn == null ? strategy : plugIn.type()));
            if (lock != null) {
                options.addAll(List.of("--lock", lock));
            }
            if (plugIn != null && plugIn.classpath() != null) {
                options.addAll(List.of("--classpath", plugIn.classpath()));
            }
            return options;
        }
    }

    /** A strategy of the user's: its class, which {@code --strategy} takes, and the {@code --classpath} it came with (null: none). */
    public record PlugIn(String type, String classpath) {}

    /** How much: writers (external ones included), updates each, updates attempted, updates acknowledged. */
    public record Counts(int writers, int writesPerWriter, long attempted, long acknowledged) {}

    /**
     * How fast: wall time from the start signal, acknowledged updates per second of it, update
     * latency, and the contention achieved (the fraction of the run with two writers inside an update).
     */
    public record Timing(double wallMillis, double opsPerSec, Latency latencyMicros, double contention) {}

    /**
     * What the files show: {@code loss}, what the final state says about the acknowledged writes
     * (an exact count, or a bound where the workload can only bound it, and the files that do not
     * parse); {@code lossStory}, where a write was lost and the workload can tell which, the
     * interleaving that lost it; {@code powerLoss}, for a power-loss run, what the states a cut
     * could leave came to.
     */
    public record Damage(Loss loss, List<LossStory.Event> lossStory, PowerLoss powerLoss) {}

    /**
     * What happened while the run went: failed and given-up updates, overlaps inside the critical
     * section, what unlocked readers saw, crashes, why it was stopped if it stalled, notes, what
     * the writers' system calls showed ({@code traceFindings}, where they were traced), and which of
     * its conditions clobber could not keep ({@code environment}, null if it kept them): such a run
     * is INCONCLUSIVE, and clobber exits 3.
     */
    public record Observed(Failures failures, Overlaps overlaps, Reads reads, Crashes crashes, String stalled,
                           List<String> notes, List<TraceFinding> traceFindings, String environment) {}

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

    /** What the crash driver did: writers killed, and the temp files they left beside the data file. */
    public record Crashes(int kills, long leftoverTempFiles) {}

    /**
     * What the power-loss states came to: under {@code model}, {@code crashStates} states over
     * {@code crashPoints} points, {@code badCrashStates} of them corrupt or missing an acknowledged
     * update; {@code searchBounded} if a bound cut the states short; {@code firstBadState}, the
     * worst bad state's story.
     */
    public record PowerLoss(String model, int crashPoints, long crashStates, long badCrashStates, boolean searchBounded,
                            CutStory firstBadState) {}

    /**
     * The story of a bad state: the trace up to the cut ({@code trace}, the last operations, each
     * on disk or not) and what the state then held ({@code outcome}: the acknowledged updates it
     * lacked, or why it did not parse).
     */
    public record CutStory(List<CutStates.Traced> trace, String outcome) {}

    /**
     * The verdict and the claim it was held against: the claim in words, the verdicts it
     * {@code expected} for this run's conditions, whether the verdict is one of them, and for an
     * INCONCLUSIVE run what it left {@code unproven}.
     */
    public record Judgement(String claim, Set<Verdict> expected, Verdict verdict, boolean claimHeld, Set<Unproven> unproven) {}

    /**
     * Update latency in microseconds. {@code histogram}: counts per power-of-two bucket (each
     * bucket's upper bound), from the bucket of the fastest update to that of the slowest, for the
     * report's latency charts.
     */
    public record Latency(long p50, long p99, long max, List<Bucket> histogram) {

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
