package clobber.report;

import clobber.check.LossStory;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** A loss story in words: one line for junit.xml, summary.md, the caption under its diagram and a failed assertion. */
public final class LossStories {
    private LossStories() {}

    /** e.g. {@code W3 read 41 fields (t=120 us) -> W7 read 41 fields (t=130 us) -> W3 commit 42 fields, its write is lost (t=900 us) -> ...} */
    public static String sentence(List<LossStory.Event> story) {
        String victim = story.stream().filter(e -> e.role() == LossStory.Role.VICTIM).map(LossStory.Event::writerName)
                .findFirst().orElse("?");
        return story.stream().map(e -> String.format(Locale.ROOT, "%s %s%s (t=%,d us)", e.writerName(), what(e),
                        outcome(e, victim).map(o -> ", " + o).orElse(""), e.atMicros()))
                .collect(Collectors.joining(" -> "));
    }

    /** What the event did, e.g. {@code read 41 fields}. */
    static String what(LossStory.Event event) {
        return event.action().name().toLowerCase(Locale.ROOT) + " " + event.fields() + " fields";
    }

    /** What a commit meant for the lost write; a read means nothing yet. */
    static Optional<String> outcome(LossStory.Event event, String victim) {
        if (event.action() == LossStory.Action.READ) {
            return Optional.empty();
        }
        return Optional.of(event.role() == LossStory.Role.VICTIM ? "its write is lost" : "erases " + victim + "'s write");
    }
}
