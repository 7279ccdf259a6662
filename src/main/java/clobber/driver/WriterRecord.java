package clobber.driver;

import clobber.strategy.Step;
import org.HdrHistogram.Histogram;

import java.util.BitSet;

/**
 * What one writer did: which updates it got acknowledged, how many failed (and the first
 * failure), and a trace of every update: when it started and ended, when it passed each
 * {@link Step}, and how many fields the document it read had. Times are System.nanoTime,
 * comparable across the processes of one machine.
 */
public final class WriterRecord {
    private static final int STEPS = Step.values().length;

    final int writer;
    final BitSet acknowledged = new BitSet();
    final long[] starts;
    final long[] ends;
    /** stepTimes[seq * STEPS + step.ordinal()]: when update seq passed that step, 0 if it did not. */
    final long[] stepTimes;
    /** How many fields the document update seq read had, -1 if it read none. */
    final int[] fieldsSeen;
    final Histogram latencyMicros = Latency.newHistogram();
    int completed;
    long errors;
    String firstError;

    WriterRecord(int writer, int writes) {
        this.writer = writer;
        this.starts = new long[writes];
        this.ends = new long[writes];
        this.stepTimes = new long[writes * STEPS];
        this.fieldsSeen = new int[writes];
        java.util.Arrays.fill(fieldsSeen, -1);
    }

    void passed(int seq, Step step, long nanos) {
        stepTimes[seq * STEPS + step.ordinal()] = nanos;
    }

    /** The trace of update {@code seq}, for the checker. */
    public UpdateTrace trace(int seq) {
        long[] steps = new long[STEPS];
        System.arraycopy(stepTimes, seq * STEPS, steps, 0, STEPS);
        return new UpdateTrace(writer, seq, starts[seq], ends[seq], steps, fieldsSeen[seq], acknowledged.get(seq));
    }
}
