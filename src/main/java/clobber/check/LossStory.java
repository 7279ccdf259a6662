package clobber.check;

import clobber.strategy.Step;
import clobber.workload.UpdateId;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The story of one lost write, told from the run's own timestamps: the victim's read and commit,
 * and the update that erased it, the first to commit after the victim from a document that could
 * not hold the victim's change (it read no more fields than the victim did). For example:
 * W3 read 41 fields, W7 read 41 fields, W3 committed 42, W7 committed 42: W3's key gone.
 */
public final class LossStory {
    private LossStory() {}

    /** What a writer did: read the document, or commit its new one. */
    public enum Action { READ, COMMIT }

    /** Whose story it is: the writer whose write was lost, or the one whose commit erased it. */
    public enum Role { VICTIM, ERASER }

    /**
     * One line of the story: writer {@code writer}, in its {@code role}, did {@code action} at
     * {@code atMicros} (from the run's first update), on a document of {@code fields} fields.
     */
    public record Event(int writer, Role role, Action action, long atMicros, int fields) {
        /** The writer as the reports name it, e.g. {@code W3}. */
        public String writerName() {
            return "W" + writer;
        }
    }

    public static Optional<List<Event>> tell(List<UpdateTrace> traces, List<UpdateId> lost) {
        if (lost.isEmpty() || traces.isEmpty()) {
            return Optional.empty();
        }
        Map<UpdateId, UpdateTrace> byId = traces.stream()
                .collect(Collectors.toMap(t -> new UpdateId(t.writer(), t.seq()), Function.identity()));
        // The earliest lost write: its story is the least tangled with other losses.
        UpdateTrace victim = lost.stream().map(byId::get).filter(t -> t != null && t.fieldsSeen() >= 0)
                .min(Comparator.comparingLong(UpdateTrace::committed)).orElse(null);
        if (victim == null) {
            return Optional.empty();
        }
        Optional<UpdateTrace> eraser = traces.stream()
                .filter(t -> t.acknowledged() && t != victim && t.committed() > victim.committed())
                .filter(t -> t.fieldsSeen() >= 0 && t.fieldsSeen() <= victim.fieldsSeen())
                .min(Comparator.comparingLong(UpdateTrace::committed));
        long origin = traces.stream().mapToLong(UpdateTrace::start).min().orElse(0);
        List<Event> events = new ArrayList<>();
        add(events, victim, origin, Role.VICTIM);
        eraser.ifPresent(e -> add(events, e, origin, Role.ERASER));
        events.sort(Comparator.comparingLong(Event::atMicros));
        return Optional.of(events);
    }

    private static void add(List<Event> events, UpdateTrace t, long origin, Role role) {
        long read = t.at(Step.AFTER_READ) != 0 ? t.at(Step.AFTER_READ) : t.start();
        events.add(new Event(t.writer(), role, Action.READ, micros(read, origin), t.fieldsSeen()));
        events.add(new Event(t.writer(), role, Action.COMMIT, micros(t.committed(), origin), t.fieldsSeen() + 1));
    }

    private static long micros(long nanos, long origin) {
        return (nanos - origin) / 1000;
    }
}
