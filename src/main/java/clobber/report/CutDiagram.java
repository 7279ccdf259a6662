package clobber.report;

import clobber.check.RunResult;
import clobber.check.CutStates;

import java.util.List;

/**
 * The story of a state a power cut left, drawn: the last operations before the cut, top to
 * bottom in the order the writers made them, each marked as on the disk (green) or lost with the
 * page cache (red), acknowledgements in blue; the cut as a line under them, and what the data
 * file then held.
 */
final class CutDiagram {
    private CutDiagram() {}

    private static final int WIDTH = 720;
    private static final int ROW = 30;
    private static final int MARK = 110;

    static String svg(RunResult.CutStory story) {
        List<CutStates.Traced> trace = story.trace();
        int height = 16 + trace.size() * ROW + 64;
        Svg svg = new Svg("cut", WIDTH, height, "What a power cut kept and lost");
        double y = 12;
        for (CutStates.Traced step : trace) {
            String label = step.onDisk() == null ? "ack" : step.onDisk() ? "on disk" : "lost";
            String fill = step.onDisk() == null ? "#0969da" : step.onDisk() ? "#1a7f37" : "#cf222e";
            svg.rect("mark", 0, y, MARK - 10, ROW - 6, fill);
            svg.text((MARK - 10) / 2.0, y + 18, "middle", "on small", label);
            svg.fittedText(MARK, y + 18, "start", step.onDisk() == Boolean.FALSE ? "small bad" : "small", step.what(), 14, WIDTH - MARK);
            y += ROW;
        }
        svg.line("loss", 0, y + 6, WIDTH, y + 6);
        svg.text(0, y + 28, "start", "small bad", "power cut");
        svg.fittedText(0, y + 50, "start", "mid", "then: " + story.outcome(), 17, WIDTH);
        return svg.end();
    }
}
