package clobber.report;

import clobber.check.LossStory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The story of one loss as a sequence diagram: a lifeline for each writer and one for the data
 * file, time running down. Reads are arrows from the file to a writer, commits arrows back; the
 * commit that erased the lost write is red. The victim stands on the left, the eraser on the right.
 */
final class SequenceDiagram {
    private SequenceDiagram() {}

    private static final int WIDTH = 700;
    private static final int TIME = 96;
    private static final int ROW = 64;
    private static final int TOP = 70;

    static String svg(List<LossStory.Event> story) {
        List<String> writers = writers(story);
        double file = (TIME + WIDTH) / 2.0;
        double[] lanes = writers.size() == 1 ? new double[] {TIME + 70}
                : new double[] {TIME + 70, WIDTH - 70};
        int height = TOP + story.size() * ROW + 16;
        Svg svg = new Svg("sequence", WIDTH, height, "How " + writers.getFirst() + "'s write was lost");
        participant(svg, file, "data.json", height);
        for (int i = 0; i < writers.size(); i++) {
            participant(svg, lanes[i], writers.get(i), height);
        }
        for (int i = 0; i < story.size(); i++) {
            LossStory.Event event = story.get(i);
            double y = TOP + i * ROW + 36;
            double lane = lanes[writers.indexOf(event.writerName())];
            boolean read = event.action() == LossStory.Action.READ;
            boolean erases = !read && event.role() == LossStory.Role.ERASER;
            String style = erases ? "loss" : "msg";
            double from = read ? file : lane;
            double to = read ? lane : file;
            double tip = to > from ? to - 2 : to + 2;
            svg.line(style, from, y, tip, y);
            svg.arrowHead(style, tip, y, to > from);
            svg.text((from + to) / 2, y - 10, "middle", "mid", LossStories.what(event));
            LossStories.outcome(event, victimName(story)).ifPresent(outcome ->
                    svg.text((from + to) / 2, y + 24, "middle", erases ? "small bad" : "small", outcome));
            svg.text(4, y + 5, "start", "small", String.format(Locale.ROOT, "%,d \u00b5s", event.atMicros()));
        }
        return svg.end();
    }

    /** The plain-words moral of the diagram, under it. */
    static String explain(List<LossStory.Event> story) {
        List<String> writers = writers(story);
        String victim = writers.getFirst();
        if (writers.size() < 2) {
            return LossStories.sentence(story) + ". The write that erased it could not be singled out.";
        }
        String eraser = writers.get(1);
        long eraserRead = at(story, eraser, LossStory.Action.READ);
        long victimCommit = at(story, victim, LossStory.Action.COMMIT);
        String when = eraserRead < victimCommit ? " read the document before " + victim + "'s commit"
                : " read a document without " + victim + "'s change";
        return eraser + when + ", so when " + eraser
                + " committed, it wrote back a document that never held " + victim + "'s change: " + victim
                + "'s write is gone, although " + victim + " was told it succeeded. (" + LossStories.sentence(story) + ")";
    }

    private static long at(List<LossStory.Event> story, String writer, LossStory.Action action) {
        return story.stream().filter(e -> e.writerName().equals(writer) && e.action() == action)
                .mapToLong(LossStory.Event::atMicros).findFirst().orElse(Long.MAX_VALUE);
    }

    private static String victimName(List<LossStory.Event> story) {
        return writers(story).getFirst();
    }

    /** The victim first (its write is the one lost), then the eraser. */
    private static List<String> writers(List<LossStory.Event> story) {
        List<String> writers = new ArrayList<>();
        story.stream().filter(e -> e.role() == LossStory.Role.VICTIM).map(LossStory.Event::writerName).findFirst().ifPresent(writers::add);
        story.stream().map(LossStory.Event::writerName).filter(w -> !writers.contains(w)).forEach(writers::add);
        return writers;
    }

    private static void participant(Svg svg, double x, String name, int height) {
        svg.rect("participant", x - 62, 8, 124, 38, "#eaeef2");
        svg.text(x, 34, "middle", "head", name);
        svg.line("life", x, 46, x, height - 6);
    }
}
