package clobber.report;

import java.util.List;
import java.util.Locale;

/** Horizontal bars: updates per second for each cell, with its p50 and p99 latency beside the bar. */
final class ThroughputChart {
    private ThroughputChart() {}

    // Narrow, so that on a phone the chart shrinks little and its type stays legible.
    private static final int WIDTH = 540;
    private static final int ROW = 96;
    private static final int BAR = 400;

    static String svg(List<Cell> cells) {
        double max = cells.stream().mapToDouble(Cell::opsPerSec).max().orElse(1);
        Svg svg = new Svg("throughput", WIDTH, cells.size() * ROW + 8, "Updates per second and latency of each strategy under each driver");
        for (int i = 0; i < cells.size(); i++) {
            Cell cell = cells.get(i);
            double y = i * ROW + 4;
            svg.text(0, y + 20, "start", "mid", cell.strategy() + " \u00b7 " + cell.driver());
            double length = max > 0 ? BAR * cell.opsPerSec() / max : 0;
            svg.rect("bar", 0, y + 28, Math.max(2, length), 30, Colours.of(cell.verdict()));
            svg.text(length + 8, y + 50, "start", "head", String.format(Locale.ROOT, "%,.0f/s", cell.opsPerSec()));
            svg.text(0, y + 82, "start", "mid",
                    "latency p50 " + Durations.micros(cell.p50()) + " \u00b7 p99 " + Durations.micros(cell.p99()));
        }
        return svg.end();
    }
}
