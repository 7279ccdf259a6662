package clobber.driver;

import clobber.workload.Acknowledged;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.List;

/**
 * What a driver saw, before anyone looks at the files: acknowledged updates, failures, timings, the
 * contention achieved, every update's trace; and, where the run had them, why it stalled, what
 * its readers saw, how many writers were killed, and notes on workers that failed.
 */
public record DriverOutcome(Acknowledged acknowledged, long completed, Failures failures,
                            Histogram latencyMicros, long wallNanos, double contention, List<UpdateTrace> traces,
                            String stalled, Reads reads, int crashes,
                            List<String> notes, PowerLossTrace powerLoss) {

    /** Combines the writers' records of a run that took {@code wallNanos} from the start signal. */
    static DriverOutcome of(List<WriterRecord> records, long wallNanos) {
        Acknowledged acknowledged = new Acknowledged(records.stream().mapToInt(r -> r.writer + 1).max().orElse(0));
        Histogram latency = Latency.newHistogram();
        long completed = 0;
        Failures failures = Failures.NONE;
        List<UpdateTrace> traces = new ArrayList<>();
        for (WriterRecord record : records) {
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
        return new DriverOutcome(acknowledged, completed, failures, latency, wallNanos,
                Contention.fraction(records), traces, null, Reads.NONE, 0, List.of(), null);
    }

    DriverOutcome stalled(String why) {
        return new DriverOutcome(acknowledged, completed, failures, latencyMicros, wallNanos, contention,
                traces, why, reads, crashes, notes, powerLoss);
    }

    DriverOutcome read(ReaderGang readers) {
        return new DriverOutcome(acknowledged, completed, failures, latencyMicros, wallNanos, contention,
                traces, stalled, new Reads(readers.reads(), readers.torn(), readers.firstTorn()), crashes, notes, powerLoss);
    }

    DriverOutcome crashed(int kills, List<String> more) {
        return new DriverOutcome(acknowledged, completed, failures, latencyMicros, wallNanos, contention,
                traces, stalled, reads, kills, List.copyOf(more), powerLoss);
    }

    /** The same, with {@code more} notes after those it has. */
    DriverOutcome noted(List<String> more) {
        List<String> all = new ArrayList<>(notes);
        all.addAll(more);
        return new DriverOutcome(acknowledged, completed, failures, latencyMicros, wallNanos, contention,
                traces, stalled, reads, crashes, List.copyOf(all), powerLoss);
    }

    DriverOutcome recorded(PowerLossTrace trace) {
        return new DriverOutcome(acknowledged, completed, failures, latencyMicros, wallNanos, contention,
                traces, stalled, reads, crashes, notes, trace);
    }
}
