package clobber.driver;

import org.HdrHistogram.Histogram;

/** Update latencies in microseconds, up to an hour, to 3 significant digits. */
public final class Latency {
    private Latency() {}

    public static Histogram newHistogram() {
        return new Histogram(3_600_000_000L, 3);
    }
}
