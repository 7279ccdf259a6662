package clobber.report;

import clobber.check.RunResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * A latency histogram: one bar per power-of-two bucket. Every strategy's chart spans the same
 * buckets (those of all runs), so charts side by side compare by eye: the correct strategy's
 * fsyncs push its mass right, a lock's queue stretches the tail.
 */
final class LatencyChart {
    private LatencyChart() {}

    private static final int WIDTH = 560;
    private static final int HEIGHT = 250;
    private static final int LEFT = 56;
    private static final int TOP = 16;
    private static final int PLOT = 170;

    /** Update counts per bucket bound (microseconds), summed over {@code runs}. */
    static TreeMap<Long, Long> buckets(List<RunResult> runs) {
        TreeMap<Long, Long> counts = new TreeMap<>();
        for (RunResult run : runs) {
            for (RunResult.Bucket bucket : run.timing().latencyMicros().histogram()) {
                counts.merge(bucket.upToMicros(), bucket.count(), Long::sum);
            }
        }
        return counts;
    }

    static String svg(String strategy, TreeMap<Long, Long> counts, TreeMap<Long, Long> range) {
        Svg svg = new Svg("histogram", WIDTH, HEIGHT, "Latency histogram of " + strategy);
        if (range.isEmpty()) {
            return svg.text(WIDTH / 2.0, HEIGHT / 2.0, "middle", "mid", "no latency histogram recorded").end();
        }
        List<Long> bounds = new ArrayList<>();
        for (long bound = range.firstKey(); bound <= range.lastKey(); bound *= 2) {
            bounds.add(bound);
        }
        long max = counts.values().stream().mapToLong(Long::longValue).max().orElse(1);
        double slot = (double) (WIDTH - LEFT - 8) / bounds.size();
        svg.line("axis", LEFT, TOP + PLOT, WIDTH - 8, TOP + PLOT);
        svg.line("axis", LEFT, TOP, LEFT, TOP + PLOT);
        svg.text(LEFT - 6, TOP + 12, "end", "tick", String.format(Locale.ROOT, "%,d", max));
        svg.text(LEFT - 6, TOP + PLOT, "end", "tick", "0");
        int labelEvery = Math.max(1, (int) Math.ceil(bounds.size() / 6.0)); // about six labels fit
        for (int i = 0; i < bounds.size(); i++) {
            long count = counts.getOrDefault(bounds.get(i), 0L);
            double height = max > 0 ? PLOT * (double) count / max : 0;
            double x = LEFT + i * slot;
            svg.rect("bar", x + 2, TOP + PLOT - height, slot - 4, height, "#0969da");
            if (i % labelEvery == 0) {
                svg.text(x + slot / 2, TOP + PLOT + 22, "middle", "tick", "\u2264" + Durations.micros(bounds.get(i)).replace(" ", ""));
            }
        }
        svg.text((LEFT + WIDTH) / 2.0, HEIGHT - 6, "middle", "tick", "update latency (bucket upper bound) \u2192");
        return svg.end();
    }
}
