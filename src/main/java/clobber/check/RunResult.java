package clobber.check;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * One run, measured and judged: the result JSON holds one of these per run. {@code claimHeld} is
 * whether the verdict is what the strategy's claim predicts for this driver: SAFE where it claims
 * to survive, anything else where it does not (a broken strategy that came out SAFE means the
 * harness failed to show its failure, which is a result too). {@code lossStory}, where a write was
 * lost and the workload can tell which, is the interleaving that lost it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunResult(
        String strategy,
        String lock,
        String driver,
        String workload,
        String externalWriters,
        int writers,
        int writesPerWriter,
        long attempted,
        long acknowledged,
        long lost,
        boolean corruptFinal,
        long errors,
        String firstError,
        double wallMillis,
        double opsPerSec,
        Latency latencyMicros,
        double contention,
        long overlaps,
        String firstOverlap,
        long reads,
        long tornReads,
        String firstTornRead,
        int crashes,
        long leftoverTempFiles,
        String stalled,
        String claim,
        boolean expectedSafe,
        Verdict verdict,
        boolean claimHeld,
        List<LossStory.Event> lossStory,
        List<String> notes) {

    public record Latency(long p50, long p99, long max) {}
}
