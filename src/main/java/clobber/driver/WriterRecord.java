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
    long failedAttempts;
    long givenUp;
    String firstError;

    WriterRecord(int writer, int writes) {
        this.writer = writer;
        this.starts = new long[writes];
        this.ends = new long[writes];
        this.stepTimes = new long[writes * STEPS];
        this.fieldsSeen = new int[writes];
        java.util.Arrays.fill(fieldsSeen, -1);
    }

    /** The record as plain data, to cross from a worker process to the driver. */
    public record Data(int writer, long[] acknowledged, long[] starts, long[] ends, long[] stepTimes,
                       int[] fieldsSeen, int completed, long failedAttempts, long givenUp, String firstError) {}

    Data data() {
        return new Data(writer, acknowledged.toLongArray(), starts, ends, stepTimes, fieldsSeen, completed,
                failedAttempts, givenUp, firstError);
    }

    /** Takes in what a worker process reported for this writer: the updates it ran, its errors, its acks. */
    void merge(Data data) {
        for (int seq = 0; seq < data.starts().length; seq++) {
            if (data.ends()[seq] != 0) {
                timed(seq, data.starts()[seq], data.ends()[seq]);
                System.arraycopy(data.stepTimes(), seq * STEPS, stepTimes, seq * STEPS, STEPS);
                fieldsSeen[seq] = data.fieldsSeen()[seq];
            }
        }
        acknowledged.or(BitSet.valueOf(data.acknowledged()));
        completed += data.completed();
        failedAttempts += data.failedAttempts();
        givenUp += data.givenUp();
        if (firstError == null) {
            firstError = data.firstError();
        }
    }

    /** Records when update {@code seq} ran, once: from its ack, or from the final report, whichever comes first. */
    void timed(int seq, long start, long end) {
        if (!ran(seq)) {
            starts[seq] = start;
            ends[seq] = end;
            latencyMicros.recordValue(Math.max(0, (end - start) / 1000));
        }
    }

    /** Records one update of a writer that reports only its critical section (an external writer). */
    void criticalSection(int seq, long enter, long exit) {
        timed(seq, enter, exit);
        passed(seq, Step.AFTER_LOCK, enter);
        passed(seq, Step.BEFORE_UNLOCK, exit);
    }

    /** An attempt failed; it is tried again while attempts remain. */
    void failed(String why) {
        if (failedAttempts++ == 0 && firstError == null) {
            firstError = why;
        }
    }

    /** An update was given up after its last failed attempt: never acknowledged. */
    void gaveUp() {
        givenUp++;
    }

    /** The writer's process died unplanned, quoting {@code why}: every update it had not acknowledged is given up. */
    void died(String why, int writes) {
        failed(why);
        givenUp = writes - acknowledged.cardinality();
    }

    /** What this writer's updates suffered. */
    Failures failures() {
        return new Failures(failedAttempts, givenUp, firstError);
    }

    /** Whether update {@code seq} ran here (a resumed writer's earlier updates ran in a process now dead). */
    boolean ran(int seq) {
        return ends[seq] != 0;
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
