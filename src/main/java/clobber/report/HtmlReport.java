package clobber.report;

import clobber.check.Criterion;

import clobber.check.Cell;

import clobber.check.LossStory;
import clobber.check.RunResult;
import clobber.strategy.Verdict;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * index.html: one self-contained page (no script, no network: every chart is SVG drawn here) for
 * the three kinds of reader clobber has. An engineer comparing strategies reads the matrix and
 * the throughput bars; CI users follow a link to it from a failed job; a teacher puts it on a
 * projector and walks through the story of one loss. Large type, high contrast, and charts that
 * scale to the width of a phone.
 */
public final class HtmlReport {
    private HtmlReport() {}

    public static String render(Results results, Criterion criterion) {
        List<Cell> cells = Cell.of(results.runs());
        StringBuilder html = new StringBuilder();
        html.append("""
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>clobber report</title>
                <style>""").append(CSS).append("</style></head>\n<body><main>\n");
        header(html, results, cells, criterion);
        section(html, "matrix", "Verdicts: strategy \u00d7 driver",
                "Each square is one strategy under one driver, coloured by the worst verdict of its runs. "
                        + "A claim is BROKEN when the verdict is not the one the strategy's claim predicts.",
                "<div class=\"scroll\">" + MatrixChart.svg(cells, criterion) + "</div>" + legend());
        section(html, "throughput", "Throughput and latency",
                "Acknowledged updates per second (mean over runs), with the median run's p50 and the worst run's p99 update latency.",
                ThroughputChart.svg(cells));
        section(html, "latency", "Latency histogram per strategy",
                "How many updates took how long, all drivers and runs together; buckets double in width.",
                latencyCharts(results.runs()));
        section(html, "stories", "How a write was lost",
                "For each cell that lost writes, the real interleaving, from the run's own timestamps, of the writer "
                        + "whose write was lost and the writer that erased it.",
                stories(cells));
        section(html, "lessons", "Lessons", "What each strategy does, and why it fails or holds.", lessons(results, cells));
        html.append("<footer>").append(Svg.escape(results.command())).append(" \u00b7 ")
                .append(Svg.escape(results.finished())).append(" \u00b7 ").append(Svg.escape(results.machine().toString()))
                .append("</footer>\n</main></body></html>\n");
        return html.toString();
    }

    private static void header(StringBuilder html, Results results, List<Cell> cells, Criterion criterion) {
        long failed = cells.stream().filter(c -> !c.passed(criterion)).count();
        long lost = results.runs().stream().mapToLong(r -> r.damage().loss().atLeast()).sum();
        boolean bounded = results.runs().stream().anyMatch(r -> !r.damage().loss().exact());
        html.append("<header><h1>clobber: which JSON updates lose data</h1>\n")
                .append("<p class=\"outcome ").append(failed == 0 ? "pass" : "fail").append("\">")
                .append(failed == 0 ? "All " + cells.size() + " cells pass"
                        : failed + " of " + cells.size() + " cells FAIL")
                .append(" <span>(a cell passes when every run's ").append(Svg.escape(criterion.meaning())).append(")</span></p>\n")
                .append(String.format(Locale.ROOT, "<p>%d runs, %s%,d acknowledged writes lost in all.</p>%n", results.runs().size(),
                        bounded ? "at least " : "", lost))
                .append("<p class=\"meta\"><code>").append(Svg.escape(results.command())).append("</code><br>")
                .append(Svg.escape(results.machine().toString())).append("<br>finished ").append(Svg.escape(results.finished()))
                .append("</p></header>\n");
    }

    private static void section(StringBuilder html, String id, String title, String intro, String body) {
        html.append("<section id=\"").append(id).append("\"><h2>").append(Svg.escape(title)).append("</h2>\n<p class=\"intro\">")
                .append(Svg.escape(intro)).append("</p>\n").append(body).append("</section>\n");
    }

    private static String legend() {
        StringBuilder legend = new StringBuilder("<p class=\"legend\">");
        for (Verdict verdict : Verdict.values()) {
            legend.append("<span><i style=\"background:").append(Colours.of(verdict)).append("\"></i>").append(verdict).append("</span> ");
        }
        return legend.append("</p>\n").toString();
    }

    private static String latencyCharts(List<RunResult> runs) {
        Map<String, List<RunResult>> byStrategy = new java.util.LinkedHashMap<>();
        runs.forEach(r -> byStrategy.computeIfAbsent(r.subject().label(), k -> new ArrayList<>()).add(r));
        TreeMap<Long, Long> all = LatencyChart.buckets(runs);
        StringBuilder out = new StringBuilder("<div class=\"charts\">\n");
        byStrategy.forEach((strategy, group) -> out.append("<figure><figcaption>").append(Svg.escape(strategy))
                .append("</figcaption>").append(LatencyChart.svg(strategy, LatencyChart.buckets(group), all)).append("</figure>\n"));
        return out.append("</div>\n").toString();
    }

    private static String stories(List<Cell> cells) {
        StringBuilder out = new StringBuilder();
        for (Cell cell : cells) {
            Optional<List<LossStory.Event>> story = cell.story();
            if (story.isPresent()) {
                out.append("<article class=\"story\"><h3>").append(Svg.escape(cell.label())).append(" under ")
                        .append(Svg.escape(cell.driver())).append("</h3>\n")
                        .append(SequenceDiagram.svg(story.get()))
                        .append("<p>").append(Svg.escape(SequenceDiagram.explain(story.get()))).append("</p></article>\n");
            } else if (cell.lostAtLeast() > 0) {
                out.append("<article class=\"story\"><h3>").append(Svg.escape(cell.label())).append(" under ")
                        .append(Svg.escape(cell.driver())).append("</h3><p>Lost ").append(Svg.escape(cell.lostFigure()))
                        .append(" writes; this workload cannot tell which update erased which.</p></article>\n");
            }
        }
        for (Cell cell : cells) {
            cell.runs().stream().filter(r -> r.damage().powerLoss() != null && r.damage().powerLoss().firstBadState() != null).findFirst()
                    .ifPresent(r -> out.append("<article class=\"story\"><h3>").append(Svg.escape(cell.label()))
                            .append(" under a power cut</h3>\n").append(CutDiagram.svg(r.damage().powerLoss().firstBadState()))
                            .append("<p>").append(Svg.escape(Table.powerLossLine(r))).append("</p></article>\n"));
        }
        for (Cell cell : cells) {
            cell.runs().stream().filter(r -> r.exploration() != null).findFirst().ifPresent(r -> out.append(schedule(cell, r)));
        }
        for (Cell cell : cells) {
            List<String> traced = Table.traceLines(cell.runs());
            if (!traced.isEmpty()) {
                out.append("<article class=\"story\"><h3>").append(Svg.escape(cell.label())).append(" under ")
                        .append(Svg.escape(cell.driver())).append(": what the system calls showed</h3>\n");
                traced.forEach(line -> out.append("<p>").append(Svg.escape(line)).append("</p>\n"));
                out.append("</article>\n");
            }
        }
        return out.isEmpty() ? "<p>No run lost a write.</p>\n" : out.toString();
    }

    /** An exploration: its figures, and the shortest bad schedule as numbered moves with the command that replays it. */
    private static String schedule(Cell cell, RunResult r) {
        StringBuilder out = new StringBuilder("<article class=\"story\"><h3>").append(Svg.escape(cell.label()))
                .append(" explored under ").append(Svg.escape(cell.driver())).append("</h3>\n<p>")
                .append(Svg.escape(Table.explorationLine(r))).append("</p>\n");
        RunResult.Exploration e = r.exploration();
        if (e.shortestBadSchedule() != null) {
            out.append("<ol class=\"schedule\">\n");
            e.shortestBadMoves().forEach(m -> out.append("<li>").append(Svg.escape(m.describe())).append("</li>\n"));
            out.append("</ol>\n<p><code>").append(Svg.escape(Table.replayCommand(r))).append("</code></p>\n");
        }
        return out.append("</article>\n").toString();
    }

    private static String lessons(Results results, List<Cell> cells) {
        StringBuilder out = new StringBuilder("<dl class=\"lessons\">\n");
        cells.stream().map(c -> c.runs().getFirst()).map(r -> List.of(r.subject().strategy(), r.judgement().claim())).distinct().forEach(s -> {
            String lesson = results.lessons().getOrDefault(s.get(0), "");
            out.append("<dt>").append(Svg.escape(s.get(0))).append(" <span>").append(Svg.escape(s.get(1))).append("</span></dt>\n<dd>")
                    .append(Svg.escape(lesson)).append("</dd>\n");
        });
        return out.append("</dl>\n").toString();
    }

    private static final String CSS = """
            :root { --fg: #1f2328; --muted: #4d5760; --line: #d0d7de; }
            * { box-sizing: border-box; }
            body { margin: 0; color: var(--fg); background: #fff;
                   font: 19px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; }
            main { max-width: 1080px; margin: 0 auto; padding: 12px 20px 40px; }
            h1 { font-size: 2rem; line-height: 1.2; margin: 0.4em 0; }
            h2 { font-size: 1.5rem; margin: 1.6em 0 0.2em; border-bottom: 2px solid var(--line); }
            h3 { font-size: 1.15rem; margin: 1em 0 0.3em; }
            .intro, .meta, footer, .outcome span { color: var(--muted); }
            .meta { font-size: 0.85rem; }
            code { font-size: 0.9em; overflow-wrap: anywhere; }
            .outcome { font-size: 1.4rem; font-weight: 700; margin: 0.3em 0; }
            .outcome.pass { color: #1a7f37; } .outcome.fail { color: #cf222e; }
            .outcome span { font-size: 0.95rem; font-weight: 400; }
            svg { display: block; width: 100%; height: auto; }
            .scroll { overflow-x: auto; }
            svg text { font-family: inherit; fill: var(--fg); }
            svg text.on { fill: #fff; } svg text.big { font-size: 22px; font-weight: 700; }
            svg text.mid { font-size: 17px; } svg text.small { font-size: 14px; fill: var(--muted); }
            svg text.head { font-size: 18px; font-weight: 700; }
            svg text.tick { font-size: 17px; fill: var(--muted); } svg text.bad { fill: #cf222e; font-weight: 700; }
            svg line.axis, svg line.life { stroke: #8c959f; stroke-width: 1.5; }
            svg line.life { stroke-dasharray: 6 5; }
            svg line.msg { stroke: var(--fg); stroke-width: 2.5; } svg path.msg { fill: var(--fg); }
            svg line.loss { stroke: #cf222e; stroke-width: 3.5; } svg path.loss { fill: #cf222e; }
            .legend span { display: inline-block; margin-right: 1em; font-size: 0.9rem; }
            .legend i { display: inline-block; width: 1em; height: 1em; border-radius: 3px; vertical-align: -0.15em; margin-right: 0.3em; }
            .charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(340px, 1fr)); gap: 12px 24px; }
            figure { margin: 0; } figcaption { font-weight: 700; }
            .story { border-left: 4px solid #cf222e; padding-left: 12px; margin: 1em 0; }
            .story svg { max-width: 720px; } svg text.on.small { fill: #fff; }
            dt { font-weight: 700; margin-top: 0.8em; } dt span { font-weight: 400; color: var(--muted); }
            dd { margin: 0.2em 0 0 1em; }
            footer { margin-top: 3em; font-size: 0.8rem; overflow-wrap: anywhere; }
            @media (max-width: 600px) { body { font-size: 17px; } main { padding: 8px 12px 32px; } h1 { font-size: 1.5rem; } }
            """;
}
