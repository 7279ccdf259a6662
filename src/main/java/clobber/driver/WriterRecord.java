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

    /** The record as plain data, to cross from a worker process to the driver. */
    public record Data(int writer, long[] acknowledged, long[] starts, long[] ends, long[] stepTimes,
                       int[] fieldsSeen, int completed, long errors, String firstError) {}

    Data data() {
        return new Data(writer, acknowledged.toLongArray(), starts, ends, stepTimes, fieldsSeen, completed, errors, firstError);
    }

    static WriterRecord of(Data data) {
        WriterRecord record = new WriterRecord(data.writer(), data.starts().length);
        record.acknowledged.or(BitSet.valueOf(data.acknowledged()));
        System.arraycopy(data.starts(), 0, record.starts, 0, data.starts().length);
        System.arraycopy(data.ends(), 0, record.ends, 0, data.ends().length);
        System.arraycopy(data.stepTimes(), 0, record.stepTimes, 0, data.stepTimes().length);
        System.arraycopy(data.fieldsSeen(), 0, record.fieldsSeen, 0, data.fieldsSeen().length);
        record.completed = data.completed();
        record.errors = data.errors();
        record.firstError = data.firstError();
        for (int seq = 0; seq < record.completed; seq++) {
            record.latencyMicros.recordValue(Math.max(0, (record.ends[seq] - record.starts[seq]) / 1000));
        }
        return record;
    }

    /** A writer whose process died before it reported: nothing of it can be counted but the failure. */
    static WriterRecord lost(int writer, int writes, String why) {
        WriterRecord record = new WriterRecord(writer, writes);
        record.errors = 1;
        record.firstError = why;
        return record;
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
