package clobber.report;

import java.util.Locale;

/** Microseconds as a person reads them: 850 us, 11.1 ms, 2.3 s. */
final class Durations {
    private Durations() {}

    static String micros(long micros) {
        if (micros < 1_000) {
            return micros + " \u00b5s";
        }
        if (micros < 1_000_000) {
            return String.format(Locale.ROOT, micros < 10_000 ? "%.1f ms" : "%.0f ms", micros / 1e3);
        }
        return String.format(Locale.ROOT, "%.1f s", micros / 1e6);
    }
}
