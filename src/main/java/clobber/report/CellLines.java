package clobber.report;

import clobber.check.Cell;

import java.util.Locale;

/** A cell's figures in one line, for JUnit failure messages, the summary, the gate's FAILS lines. */
public final class CellLines {
    private CellLines() {}

    /** The line that names a failing cell, e.g. {@code FAILS: no-lock under threads: LOST_WRITES in 2/2 runs; ...}. */
    public static String failsLine(Cell cell) {
        return "FAILS: " + Printable.line(cell.label()) + " under " + cell.driver() + ": " + figures(cell);
    }

    /** One line for the cells ({@code untested} of {@code all}) whose runs clobber could not keep the conditions of: how many, and the first cause. */
    public static String inconclusive(java.util.List<Cell> untested, int all) {
        Cell first = untested.getFirst();
        return Printable.line("inconclusive: " + untested.size() + " of " + all + " cell" + (all == 1 ? "" : "s")
                + " could not be run as asked; " + first.label() + " under " + first.driver() + ": " + first.environment());
    }

    /** e.g. {@code LOST_WRITES in 2/2 runs; lost 14 of 200 acknowledged writes; ...; 1100 ops/s, p50 80 us, p99 900 us}. */
    public static String figures(Cell cell) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%s in %d/%d run%s; lost %s of %d acknowledged writes; %d given up after %d failed attempts; %d corrupt",
                cell.verdict(), cell.runsWith(cell.verdict()), cell.runs().size(), cell.runs().size() == 1 ? "" : "s", cell.lostFigure(),
                cell.acknowledged(), cell.givenUp(), cell.retries(), cell.corruptRuns()));
        if (cell.unreadableFiles() > cell.corruptRuns()) {
            line.append("; ").append(cell.unreadableFiles()).append(" unreadable files");
        }
        if (cell.reads() > 0) {
            line.append("; torn reads ").append(cell.tornReads()).append('/').append(cell.reads());
        }
        if (cell.overlaps() > 0) {
            line.append("; overlaps ").append(cell.overlaps());
        }
        line.append(String.format(Locale.ROOT, "; %.0f ops/s, p50 %d us, p99 %d us", cell.opsPerSec(), cell.p50(), cell.p99()));
        if (cell.environment() != null) {
            line.append("; inconclusive, not the strategy's doing: ").append(cell.environment());
        }
        return line.toString();
    }
}
