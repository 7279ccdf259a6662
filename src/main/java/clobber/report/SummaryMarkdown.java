package clobber.report;

import clobber.check.Criterion;

import clobber.check.Cell;

import java.util.List;
import java.util.Locale;

/** summary.md: the report for a pull request comment or a terminal, in Markdown. */
final class SummaryMarkdown {
    private SummaryMarkdown() {}

    static String render(Results results, Criterion criterion) {
        List<Cell> cells = Cell.of(results.runs());
        long failed = cells.stream().filter(c -> !c.passed(criterion)).count();
        StringBuilder md = new StringBuilder("# clobber report\n\n");
        md.append(Printable.markdown(results.command())).append(", finished ").append(results.finished()).append("  \n");
        md.append("Machine: ").append(Printable.markdown(results.machine().toString())).append("\n\n");
        md.append(failed == 0 ? "**All " + cells.size() + " cells pass**" : "**" + failed + " of " + cells.size() + " cells FAIL**")
                .append(" (a cell passes when every run's ").append(criterion.meaning()).append(").\n\n");
        md.append("| strategy | driver | verdict | lost / acked | given up / failed attempts | corrupt runs | ops/s | p50 us | p99 us | passes |\n");
        md.append("|---|---|---|---:|---:|---:|---:|---:|---:|---|\n");
        for (Cell cell : cells) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %s %d/%d | %s / %d | %d / %d | %d | %.0f | %d | %d | %s |%n",
                    Printable.markdown(cell.label()), Printable.markdown(cell.driver()), cell.verdict(), cell.runsWith(cell.verdict()), cell.runs().size(),
                    cell.lostFigure(), cell.acknowledged(), cell.givenUp(), cell.retries(), cell.corruptRuns(), cell.opsPerSec(),
                    cell.p50(), cell.p99(), cell.passed(criterion) ? "yes" : "**NO**"));
        }
        List<Cell> stories = cells.stream().filter(c -> c.story().isPresent()).toList();
        if (!stories.isEmpty()) {
            md.append("\n## How a write was lost\n\n");
            for (Cell cell : stories) {
                md.append("- ").append(Printable.markdown(cell.label())).append(" under ").append(Printable.markdown(cell.driver())).append(": ")
                        .append(LossStories.sentence(cell.story().orElseThrow())).append('\n');
            }
        }
        List<String> traced = Table.traceLines(results.runs());
        if (!traced.isEmpty()) {
            md.append("\n## What the system calls showed\n\n");
            traced.forEach(line -> md.append("- ").append(Printable.markdown(line)).append('\n'));
        }
        md.append("\nCharts and lessons: [index.html](index.html). Machine-readable: [results.json](results.json), [junit.xml](junit.xml).\n");
        return md.toString();
    }
}
