package clobber.report;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The matrix: one row per strategy, one column per driver, each square coloured by its verdict. */
final class MatrixChart {
    private MatrixChart() {}

    private static final int LABEL = 290;
    private static final int WIDTH = 230;
    private static final int HEIGHT = 124;
    private static final int GAP = 8;
    private static final int HEAD = 40;

    static String svg(List<Cell> cells, Criterion criterion) {
        List<String> strategies = cells.stream().map(Cell::strategy).distinct().toList();
        List<String> drivers = cells.stream().map(Cell::driver).distinct().toList();
        Svg svg = new Svg("matrix", LABEL + drivers.size() * (WIDTH + GAP), HEAD + strategies.size() * (HEIGHT + GAP),
                "Verdict of each strategy under each driver");
        for (int col = 0; col < drivers.size(); col++) {
            svg.text(LABEL + col * (WIDTH + GAP) + WIDTH / 2.0, 28, "middle", "head", drivers.get(col));
        }
        for (int row = 0; row < strategies.size(); row++) {
            double y = HEAD + row * (HEIGHT + GAP);
            String[] nameAndLock = strategies.get(row).split(" --lock ", 2);
            svg.text(LABEL - 12, y + HEIGHT / 2.0, "end", "head", nameAndLock[0]);
            if (nameAndLock.length > 1) {
                svg.text(LABEL - 12, y + HEIGHT / 2.0 + 24, "end", "small", "lock: " + nameAndLock[1]);
            }
            for (int col = 0; col < drivers.size(); col++) {
                String strategy = strategies.get(row);
                String driver = drivers.get(col);
                Optional<Cell> cell = cells.stream().filter(c -> c.strategy().equals(strategy) && c.driver().equals(driver)).findFirst();
                double x = LABEL + col * (WIDTH + GAP);
                if (cell.isPresent()) {
                    square(svg, cell.get(), criterion, x, y);
                } else {
                    svg.rect("cell missing", x, y, WIDTH, HEIGHT, "#eaeef2");
                    svg.text(x + WIDTH / 2.0, y + HEIGHT / 2.0 + 6, "middle", "mid", "not run");
                }
            }
        }
        return svg.end();
    }

    private static void square(Svg svg, Cell cell, Criterion criterion, double x, double y) {
        svg.rect("cell", x, y, WIDTH, HEIGHT, Colours.of(cell.verdict()));
        double centre = x + WIDTH / 2.0;
        String runs = cell.runs().size() == 1 ? "" : " " + cell.runsWith(cell.verdict()) + "/" + cell.runs().size();
        svg.text(centre, y + 30, "middle", "on big", cell.verdict() + runs);
        svg.text(centre, y + 56, "middle", "on mid", "lost " + cell.lostFigure() + String.format(Locale.ROOT, " / %,d", cell.acknowledged()));
        svg.text(centre, y + 80, "middle", "on mid", extras(cell));
        boolean passed = cell.passed(criterion);
        svg.text(centre, y + 108, "middle", "on mid", criterion == Criterion.CLAIM
                ? (passed ? "claim held" : "\u2717 CLAIM BROKEN")
                : (passed ? "gate passes" : "\u2717 GATE FAILS"));
    }

    /** Errors, corrupt runs, and the optional figures some drivers record: torn reads and overlaps. */
    private static String extras(Cell cell) {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%,d errors", cell.errors()));
        if (cell.corruptRuns() > 0) {
            text.append(" \u00b7 corrupt");
        }
        if (cell.reads() > 0) {
            text.append(String.format(Locale.ROOT, " \u00b7 torn %,d", cell.tornReads()));
        }
        if (cell.overlaps() > 0) {
            text.append(String.format(Locale.ROOT, " \u00b7 overlap %,d", cell.overlaps()));
        }
        return text.toString();
    }
}
