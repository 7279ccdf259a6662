package clobber.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * index.html of a real matrix run, rendered by headless Chromium: the matrix has one visible,
 * non-empty square per (strategy, driver) cell, the throughput and latency charts have bars, and
 * at least one loss story is drawn. On CI (CI=true) a missing Chromium fails the test: .ci/run
 * installs it; elsewhere the test is skipped with the command that installs it.
 */
class HtmlReportInChromiumTest {

    /** Per chart: how many of its SVGs, how many are laid out with a size, and how many marks they hold. */
    private static final String MEASURE = """
            (() => {
              // A horizontal line's box has no height: it counts as visible if it has a width.
              const visible = e => { const r = e.getBoundingClientRect(); const s = getComputedStyle(e);
                return r.width > 0 && (r.height > 0 || e.tagName === 'line')
                    && s.visibility !== 'hidden' && s.display !== 'none'; };
              const chart = (selector, mark) => { const svgs = [...document.querySelectorAll(selector)];
                const marks = svgs.flatMap(s => [...s.querySelectorAll(mark)]);
                return { svgs: svgs.length, visibleSvgs: svgs.filter(visible).length,
                         marks: marks.length, visibleMarks: marks.filter(visible).length }; };
              return { matrix: chart('#matrix svg.matrix', 'rect.cell'),
                       throughput: chart('#throughput svg.throughput', 'rect.bar'),
                       histograms: chart('#latency svg.histogram', 'rect.bar'),
                       stories: chart('#stories svg.sequence', 'line.loss'),
                       cellText: [...document.querySelectorAll('#matrix svg.matrix text')].map(t => t.textContent).join('|'),
                       // Text that leaves its box: a matrix square's text outside its square, a chart's outside its chart.
                       escaped: [...[...document.querySelectorAll('#matrix g.square')].flatMap(g => {
                                    const box = g.querySelector('rect').getBoundingClientRect();
                                    return [...g.querySelectorAll('text')].map(t => [t, box]); }),
                                 ...[...document.querySelectorAll('svg')].flatMap(svg => {
                                    const box = svg.getBoundingClientRect();
                                    return [...svg.querySelectorAll('text')].map(t => [t, box]); })]
                           .filter(([t, box]) => { const r = t.getBoundingClientRect();
                               return r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1; })
                           .map(([t]) => t.textContent),
                       lessons: document.querySelectorAll('#lessons dd').length };
            })()""";

    @Test
    void theMatrixChartsAndALossStoryAreVisibleInABrowser() throws Exception {
        Path chromium = HeadlessChromium.find();
        if (chromium == null) {
            String install = "apt-get update && apt-get install -y chromium";
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError("chromium is not installed, and CI=true: the report is untested. Install it: " + install);
            }
            Assumptions.abort("chromium is not installed; skipping the browser test (install it: " + install + ")");
        }
        Path index = ReportedMatrix.reports().resolve("latest/index.html").toRealPath();
        JsonNode page = null;
        // A desktop, a projector and a phone: the charts scale, and no text may leave its box at any of them.
        for (int width : new int[] {1280, 1920, 390}) {
            // A fresh profile, left under target/: Chromium links sockets from it to /tmp.
            Path profile = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "chromium-profile-");
            try (HeadlessChromium browser = new HeadlessChromium(chromium, profile, width, 900)) {
                browser.load(index.toUri().toString());
                page = browser.evaluate(MEASURE);
                Path shot = Path.of("target/report-screenshot-" + width + ".png");
                browser.screenshot(shot);
                assertTrue(Files.size(shot) > 10_000, "screenshot of the report in " + shot);
            }
            assertEquals(0, page.get("escaped").size(), "text outside its box at " + width + " px: " + page.get("escaped"));
        }
        int cells = ReportedMatrix.STRATEGIES.length; // x 1 driver
        assertChart(page.get("matrix"), 1, cells);
        assertChart(page.get("throughput"), 1, cells);
        assertEquals(cells, page.get("histograms").get("svgs").asInt(), "one histogram per strategy: " + page);
        assertEquals(cells, page.get("histograms").get("visibleSvgs").asInt(), page.toString());
        assertTrue(page.get("histograms").get("visibleMarks").asInt() >= cells, "bars in every histogram: " + page);
        // no-lock and the mis-claimed strategy both lose writes: each gets a diagram with its erasing commit in red.
        assertTrue(page.get("stories").get("visibleSvgs").asInt() >= 1, "a loss story: " + page);
        assertTrue(page.get("stories").get("visibleMarks").asInt() >= 1, "the erasing commit is drawn: " + page);
        String text = page.get("cellText").asText();
        assertTrue(text.contains("LOST_WRITES") && text.contains("SAFE") && text.contains("CLAIM BROKEN"), text);
        assertEquals(cells, page.get("lessons").asInt());
    }

    private static void assertChart(JsonNode chart, int svgs, int marks) {
        assertNotNull(chart);
        assertEquals(svgs, chart.get("svgs").asInt(), chart.toString());
        assertEquals(svgs, chart.get("visibleSvgs").asInt(), "laid out with a size: " + chart);
        assertEquals(marks, chart.get("marks").asInt(), chart.toString());
        assertEquals(marks, chart.get("visibleMarks").asInt(), "every mark visible: " + chart);
    }
}
