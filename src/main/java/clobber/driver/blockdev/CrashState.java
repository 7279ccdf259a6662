package clobber.driver.blockdev;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One state a power cut could leave on the device, as a recording's log defines it: the base
 * image, then the first {@code blockWrites} block writes of the log except {@code lostWrites}
 * (numbered from 1). The cut lies before log entry {@code cutAt}: the marks before it, the
 * writers' {@code acknowledged} updates, happened before the power went, so the state must hold
 * them.
 *
 * <ul>
 *   <li>A <em>prefix</em> state ({@code lostWrites} empty) is the device after its first
 *       {@code blockWrites} writes and nothing more, cut just before the next write is issued:
 *       a device that writes in order.</li>
 *   <li>A <em>subset</em> state is cut at a flush (or the log's end), with some of the writes
 *       since the previous flush lost: a device's volatile cache may have written any of them,
 *       in any order, and only a flush makes them durable.</li>
 * </ul>
 */
public record CrashState(int number, int cutAt, int blockWrites, int totalBlockWrites,
                         List<String> acknowledged, List<Integer> lostWrites) {

    public CrashState {
        acknowledged = List.copyOf(acknowledged);
        lostWrites = List.copyOf(lostWrites);
    }

    public boolean prefix() {
        return lostWrites.isEmpty();
    }

    /** The last acknowledgement before the cut, if there was one. */
    public Optional<String> lastAcknowledgement() {
        return acknowledged.isEmpty() ? Optional.empty() : Optional.of(acknowledged.getLast());
    }

    /** Whether block write {@code number} (from 1) is on the device in this state. */
    public boolean holds(int number) {
        return number <= blockWrites && !lostWrites.contains(number);
    }

    /** "power cut after block write 37 of 98 (log entry 45), after acknowledgement w1-2; lost since the last flush: writes 35, 36". */
    public String describe() {
        String where = "power cut after block write " + blockWrites + " of " + totalBlockWrites + " (before log entry " + cutAt + ")";
        String ack = lastAcknowledgement().map(a -> ", after acknowledgement " + a + " (" + acknowledged.size() + " acknowledged)")
                .orElse(", before any acknowledgement");
        String lost = prefix() ? "" : "; lost since the last flush: write" + (lostWrites.size() > 1 ? "s " : " ")
                + lostWrites.stream().map(String::valueOf).collect(Collectors.joining(", "));
        return where + ack + lost;
    }
}
