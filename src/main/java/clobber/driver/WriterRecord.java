package clobber.driver;

import org.HdrHistogram.Histogram;

/**
 * What one writer did: which updates it got acknowledged, how many failed (and the first
 * failure), and when each update started and ended (System.nanoTime, comparable across the
 * processes of one machine) for latency and contention.
 */
public final class WriterRecord {
    final int writer;
    final java.util.BitSet acknowledged = new java.util.BitSet();
    final long[] starts;
    final long[] ends;
    final Histogram latencyMicros = Latency.newHistogram();
    int completed;
    long errors;
    String firstError;

    WriterRecord(int writer, int writes) {
        this.writer = writer;
        this.starts = new long[writes];
        this.ends = new long[writes];
    }
}
