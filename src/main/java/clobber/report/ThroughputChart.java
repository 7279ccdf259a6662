package clobber.report;

import clobber.check.Cell;

import java.util.List;
import java.util.Locale;

/**
 * One grouped chart of speed: a block per strategy, a bar per driver inside it (updates per
 * second, coloured by the cell's verdict), and each bar's p50 and p99 latency in a column beside
 * it, so that strategies compare down the page and drivers within a block. One scale for all bars.
 */
final class ThroughputChart {
    private ThroughputChart() {}

    // Narrow, so that on a phone the chart shrinks little and its type stays legible.
    private static final int WIDTH = 640;
    private static final int DRIVER = 96;
    private static final int BAR = 280; // leaves room for the longest value, "99,999/s", before the latency column
    private static final int LATENCY = 470;
    private static final int HEADER = 30;
    private static final int STRATEGY = 30;
    private static final int ROW = 26;

    static String svg(List<Cell> cells) {
        double max = cells.stream().mapToDouble(Cell::opsPerSec).max().orElse(1);
        List<String> strategies = cells.stream().map(Cell::label).distinct().toList();
        Svg svg = new Svg("throughput", WIDTH, HEADER + strategies.size() * STRATEGY + cells.size() * ROW + 8,
                "Updates per second and latency of each strategy under each driver");
        svg.text(DRIVER + 4, 20, "start", "small", "acknowledged updates/s");
        svg.text(LATENCY, 20, "start", "small", "latency p50 / p99");
        double y = HEADER;
        for (String strategy : strategies) {
            svg.fittedText(0, y + 22, "start", "head", strategy, 18, WIDTH);
            y += STRATEGY;
            for (Cell cell : cells.stream().filter(c -> c.label().equals(strategy)).toList()) {
                svg.group("bar-row");
                svg.fittedText(DRIVER - 8, y + 18, "end", "mid", cell.driver(), 17, DRIVER - 8);
                double length = max > 0 ? BAR * cell.opsPerSec() / max : 0;
                svg.rect("bar", DRIVER, y + 3, Math.max(2, length), ROW - 6, Colours.of(cell.verdict()));
                svg.text(DRIVER + Math.max(2, length) + 6, y + 18, "start", "mid", String.format(Locale.ROOT, "%,.0f/s", cell.opsPerSec()));
                svg.fittedText(LATENCY, y + 18, "start", "mid",
                        Durations.micros(cell.p50()) + " / " + Durations.micros(cell.p99()), 17, WIDTH - LATENCY);
                svg.endGroup();
                y += ROW;
            }
        }
        return svg.end();
    }
}
