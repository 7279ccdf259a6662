package clobber.report;

import clobber.check.Criterion;

import clobber.check.Cell;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The matrix: one row per strategy, one column per driver, each square coloured by its verdict. */
final class MatrixChart {
    private MatrixChart() {}

    private static final int LABEL = 290;
    private static final int WIDTH = 240;
    private static final int HEIGHT = 160;
    private static final int PADDING = 8;
    private static final int GAP = 8;
    private static final int HEAD = 40;

    static String svg(List<Cell> cells, Criterion criterion) {
        record Row(String strategy, String lock) {}
        List<Row> rows = cells.stream().map(c -> new Row(c.strategy(), c.lock())).distinct().toList();
        List<String> drivers = cells.stream().map(Cell::driver).distinct().toList();
        Svg svg = new Svg("matrix", LABEL + drivers.size() * (WIDTH + GAP), HEAD + rows.size() * (HEIGHT + GAP),
                "Verdict of each strategy under each driver");
        for (int col = 0; col < drivers.size(); col++) {
            svg.fittedText(LABEL + col * (WIDTH + GAP) + WIDTH / 2.0, 28, "middle", "head", drivers.get(col), 18, WIDTH);
        }
        for (int r = 0; r < rows.size(); r++) {
            Row row = rows.get(r);
            double y = HEAD + r * (HEIGHT + GAP);
            svg.fittedText(LABEL - 12, y + HEIGHT / 2.0, "end", "head", row.strategy(), 18, LABEL - 16);
            if (row.lock() != null) {
                svg.fittedText(LABEL - 12, y + HEIGHT / 2.0 + 24, "end", "small", "lock: " + row.lock(), 14, LABEL - 16);
            }
            for (int col = 0; col < drivers.size(); col++) {
                String driver = drivers.get(col);
                Optional<Cell> cell = cells.stream().filter(c -> c.strategy().equals(row.strategy())
                        && java.util.Objects.equals(c.lock(), row.lock()) && c.driver().equals(driver)).findFirst();
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

    /** One square: the verdict, how many runs had it, the loss, then each figure on a line of its own. */
    private static void square(Svg svg, Cell cell, Criterion criterion, double x, double y) {
        svg.group("square").rect("cell", x, y, WIDTH, HEIGHT, Colours.of(cell.verdict()));
        double centre = x + WIDTH / 2.0;
        double room = WIDTH - 2 * PADDING;
        svg.fittedText(centre, y + 28, "middle", "on big", cell.verdict().toString(), 22, room);
        List<String> lines = new java.util.ArrayList<>();
        lines.add(cell.runs().size() == 1 ? "1 run" : "in " + cell.runsWith(cell.verdict()) + "/" + cell.runs().size() + " runs");
        lines.add(cell.lostFigure().equals("unreadable")
                ? String.format(Locale.ROOT, "unreadable \u00b7 %,d acked", cell.acknowledged())
                : "lost " + cell.lostFigure() + String.format(Locale.ROOT, " of %,d", cell.acknowledged()));
        lines.add(failures(cell));
        lines.add(readsAndOverlaps(cell));
        double lineY = y + 52;
        for (String line : lines) {
            if (!line.isEmpty()) {
                svg.fittedText(centre, lineY, "middle", "on mid", line, 17, room);
                lineY += 22;
            }
        }
        boolean passed = cell.passed(criterion);
        svg.fittedText(centre, y + HEIGHT - 12, "middle", "on mid", criterion == Criterion.CLAIM
                ? (passed ? "claim held" : "\u2717 CLAIM BROKEN")
                : (passed ? "gate passes" : "\u2717 GATE FAILS"), 17, room);
        svg.endGroup();
    }

    /** Errors, and the files that would not parse. */
    private static String failures(Cell cell) {
        String text = cell.retries() == 0 ? "no failures"
                : String.format(Locale.ROOT, "%,d given up / %,d tries", cell.givenUp(), cell.retries());
        return cell.unreadableFiles() == 0 ? text
                : text + String.format(Locale.ROOT, " \u00b7 %,d bad file%s", cell.unreadableFiles(), cell.unreadableFiles() == 1 ? "" : "s");
    }

    /** The optional figures some drivers record: torn reads and overlaps; empty where there are none. */
    private static String readsAndOverlaps(Cell cell) {
        List<String> parts = new java.util.ArrayList<>();
        if (cell.reads() > 0) {
            parts.add(String.format(Locale.ROOT, "torn %,d", cell.tornReads()));
        }
        if (cell.overlaps() > 0) {
            parts.add(String.format(Locale.ROOT, "overlap %,d", cell.overlaps()));
        }
        return String.join(" \u00b7 ", parts);
    }
}
