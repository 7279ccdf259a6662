package clobber.driver;

import clobber.check.Evidence;
import clobber.check.Failures;
import clobber.check.Unkept;
import clobber.check.UpdateTrace;
import clobber.strategy.Step;
import clobber.workload.Acknowledged;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

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
    /** Updates given up after their last failed attempt. */
    final BitSet givenUpUpdates = new BitSet();
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
    /** The writer's process died unplanned or broke the protocol: what it did not acknowledge is given up, whatever came after. */
    boolean dead;
    /** The first failure that was the environment's, not the strategy's ({@link EnvironmentFailure}), in words; null if none. */
    Unkept environment;

    public WriterRecord(int writer, int writes) {
        this.writer = writer;
        this.starts = new long[writes];
        this.ends = new long[writes];
        this.stepTimes = new long[writes * STEPS];
        this.fieldsSeen = new int[writes];
        java.util.Arrays.fill(fieldsSeen, -1);
    }

    public int writer() {
        return writer;
    }

    /**
     * Takes in an update a worker process reported, as {@link #trace} gives it: its times, the time
     * it passed each step, the fields it read, and whether it was acknowledged.
     */
    public void record(UpdateTrace update) {
        int seq = update.seq();
        timed(seq, update.start(), update.end());
        System.arraycopy(update.stepTimes(), 0, stepTimes, seq * STEPS, STEPS);
        fieldsSeen[seq] = update.fieldsSeen();
        completed++;
        if (update.acknowledged()) {
            acknowledged.set(seq);
        } else {
            gaveUp(seq);
        }
    }

    /** An external writer acknowledged update {@code seq}. */
    public void acknowledge(int seq) {
        acknowledged.set(seq);
    }

    /** The evidence of a run whose writers kept {@code records}, {@code wallNanos} long from the start signal. */
    public static Evidence evidence(List<WriterRecord> records, long wallNanos) {
        Acknowledged acknowledged = new Acknowledged(records.stream().mapToInt(r -> r.writer + 1).max().orElse(0));
        Histogram latency = Latency.newHistogram();
        long completed = 0;
        Failures failures = Failures.NONE;
        List<UpdateTrace> traces = new ArrayList<>();
        Unkept environment = null;
        for (WriterRecord record : records) {
            environment = environment != null ? environment : record.environment;
            for (int seq = 0; seq < record.starts.length; seq++) {
                if (record.ran(seq)) {
                    traces.add(record.trace(seq));
                }
            }
            record.acknowledged.stream().forEach(seq -> acknowledged.ack(record.writer, seq));
            latency.add(record.latencyMicros);
            completed += record.completed;
            failures = failures.plus(record.failures());
        }
        return Evidence.of(new Evidence.Writes(acknowledged, completed, failures, traces),
                new Evidence.Pace(latency, wallNanos, Contention.fraction(records))).unkept(environment);
    }

    /**
     * The last update this writer reported finished (acknowledged or given up), -1 if none: a
     * replacement for a killed writer starts two after it, skipping the one that was in flight,
     * which may or may not have landed and must not be applied twice.
     */
    public int lastFinished() {
        for (int seq = ends.length - 1; seq >= 0; seq--) {
            if (ran(seq) || acknowledged.get(seq)) {
                return seq;
            }
        }
        return -1;
    }

    /** Records when update {@code seq} ran, once. */
    private void timed(int seq, long start, long end) {
        if (!ran(seq)) {
            starts[seq] = start;
            ends[seq] = end;
            latencyMicros.recordValue(Math.max(0, (end - start) / 1000));
        }
    }

    /** Records one update of a writer that reports only its critical section (an external writer). */
    public void criticalSection(int seq, long enter, long exit) {
        timed(seq, enter, exit);
        passed(seq, Step.AFTER_LOCK, enter);
        passed(seq, Step.BEFORE_UNLOCK, exit);
    }

    /** An attempt failed; it is tried again while attempts remain. */
    public void failed(String why) {
        if (failedAttempts++ == 0 && firstError == null) {
            firstError = why;
        }
        if (environment == null) {
            environment = EnvironmentFailure.in(why);
        }
    }

    /** Update {@code seq} was given up after its last failed attempt: never acknowledged. */
    public void gaveUp(int seq) {
        givenUpUpdates.set(seq);
        givenUp++;
    }

    /**
     * The writer's process died unplanned, or broke the protocol and was stopped, quoting
     * {@code why}: every update it had not acknowledged is given up, counted when the evidence is
     * taken, so that its lines still on their way change nothing twice.
     */
    public void died(String why) {
        failed(why);
        dead = true;
    }

    /** What this writer's updates suffered. */
    private Failures failures() {
        return new Failures(failedAttempts, dead ? starts.length - acknowledged.cardinality() : givenUp, firstError);
    }

    /** Whether update {@code seq} was acknowledged. */
    public boolean acknowledged(int seq) {
        return acknowledged.get(seq);
    }

    /** Whether update {@code seq} was acknowledged or given up: an external writer says one of the two, once. */
    public boolean answered(int seq) {
        return acknowledged.get(seq) || givenUpUpdates.get(seq);
    }

    /** Whether nothing more is to come of update {@code seq}: it was answered, or a worker reported it finished. */
    public boolean settled(int seq) {
        return answered(seq) || ran(seq);
    }

    /** Whether update {@code seq} ran here (a resumed writer's earlier updates ran in a process now dead). */
    public boolean ran(int seq) {
        return ends[seq] != 0;
    }

    public void passed(int seq, Step step, long nanos) {
        stepTimes[seq * STEPS + step.ordinal()] = nanos;
    }

    /** The trace of update {@code seq}, for the checker. */
    public UpdateTrace trace(int seq) {
        long[] steps = new long[STEPS];
        System.arraycopy(stepTimes, seq * STEPS, steps, 0, STEPS);
        return new UpdateTrace(writer, seq, starts[seq], ends[seq], steps, fieldsSeen[seq], acknowledged.get(seq));
    }
}
