package dev.clobber.atomicjson;

import java.time.Duration;
import java.util.Arrays;

/**
 * How long the most recent updates took, enqueue to completion: a ring of the last
 * {@code capacity}, so that a file open for a month costs the memory of one open for a second,
 * and its percentiles say how it behaves now, not on average since it was opened.
 */
final class Latencies {
    private final long[] nanos;
    private long recorded;

    Latencies(int capacity) {
        this.nanos = new long[capacity];
    }

    synchronized void record(long elapsedNanos) {
        nanos[(int) (recorded++ % nanos.length)] = elapsedNanos;
    }

    /** The latency below which {@code percent} of the sampled updates fall; zero before any. */
    synchronized Duration percentile(double percent) {
        int n = (int) Math.min(recorded, nanos.length);
        if (n == 0) {
            return Duration.ZERO;
        }
        long[] sorted = Arrays.copyOf(nanos, n);
        Arrays.sort(sorted);
        return Duration.ofNanos(sorted[(int) Math.ceil(percent / 100 * n) - 1]);
    }
}
