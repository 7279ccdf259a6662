package clobber.report;

import clobber.check.LossStory;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** A loss story as one line of text, for junit.xml, summary.md and the caption under its diagram. */
final class LossStories {
    private LossStories() {}

    /** e.g. {@code W3 read 41 fields (t=120 us) -> W7 read 41 fields (t=130 us) -> W3 commit 42 fields (t=900 us) -> ...} */
    static String sentence(List<LossStory.Event> story) {
        return story.stream().map(e -> String.format(Locale.ROOT, "%s %s %s (t=%,d us)",
                e.writer(), e.action(), e.detail().replace("; ", ", "), e.atMicros()))
                .collect(Collectors.joining(" -> "));
    }
}
