package clobber.driver;

import clobber.workload.Acknowledged;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.List;

/**
 * What a driver saw, before anyone looks at the file: acknowledged updates, errors, timings, the
 * contention achieved, whether the run had to be stopped at its timeout, the overlaps the verifier
 * saw, and every update's trace.
 */
public record DriverOutcome(Acknowledged acknowledged, long completed, long errors, String firstError,
                            Histogram latencyMicros, long wallNanos, double contention, boolean timedOut,
                            long overlaps, String firstOverlap, List<UpdateTrace> traces, List<String> notes) {

    /** Combines the writers' records of a run that took {@code wallNanos} from the start signal. */
    static DriverOutcome of(List<WriterRecord> records, long wallNanos, boolean timedOut,
                            OverlapVerifier verifier, long origin) {
        Acknowledged acknowledged = new Acknowledged(records.size());
        Histogram latency = Latency.newHistogram();
        long completed = 0;
        long errors = 0;
        String firstError = null;
        List<UpdateTrace> traces = new ArrayList<>();
        for (WriterRecord record : records) {
            for (int seq = 0; seq < record.completed; seq++) {
                traces.add(record.trace(seq));
            }
            record.acknowledged.stream().forEach(seq -> acknowledged.ack(record.writer, seq));
            latency.add(record.latencyMicros);
            completed += record.completed;
            errors += record.errors;
            if (firstError == null) {
                firstError = record.firstError;
            }
        }
        return new DriverOutcome(acknowledged, completed, errors, firstError, latency, wallNanos,
                Contention.fraction(records), timedOut, verifier.overlaps(), verifier.firstOverlap(origin), traces, List.of());
    }

    /** This outcome with what the driver noticed about its workers (deaths, hangs). */
    DriverOutcome withNotes(List<String> more) {
        return new DriverOutcome(acknowledged, completed, errors, firstError, latencyMicros, wallNanos, contention,
                timedOut, overlaps, firstOverlap, traces, List.copyOf(more));
    }
}
