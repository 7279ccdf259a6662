package clobber.driver;

import java.util.Arrays;
import java.util.List;

/**
 * How much of a run really was contended: the fraction of its span (first update start to last
 * update end) during which at least two writers were inside an update. A run where writers mostly
 * took turns, say because they started one after another, tested little, whatever it lost.
 */
final class Contention {
    private Contention() {}

    static double fraction(List<WriterRecord> records) {
        int n = 0;
        for (WriterRecord record : records) {
            for (int seq = 0; seq < record.starts.length; seq++) {
                n += record.ran(seq) ? 1 : 0;
            }
        }
        if (n == 0) {
            return 0;
        }
        // Sweep: +1 at every start, -1 at every end, in time order (ends first on ties).
        long[] events = new long[2 * n];
        int i = 0;
        for (WriterRecord record : records) {
            for (int seq = 0; seq < record.starts.length; seq++) {
                if (!record.ran(seq)) {
                    continue;
                }
                events[i++] = record.starts[seq] << 1 | 1;
                events[i++] = record.ends[seq] << 1;
            }
        }
        Arrays.sort(events);
        long span = (events[events.length - 1] >> 1) - (events[0] >> 1);
        if (span <= 0) {
            return 0;
        }
        long contended = 0;
        int inside = 0;
        long previous = events[0] >> 1;
        for (long event : events) {
            long time = event >> 1;
            if (inside >= 2) {
                contended += time - previous;
            }
            previous = time;
            inside += (event & 1) == 1 ? 1 : -1;
        }
        return (double) contended / span;
    }
}
