package clobber.check;

import java.util.List;

/**
 * One move of a schedule: writer {@code writer} ran from {@code from} until {@code outcome}:
 * it reached {@code to}, blocked on its way there (in a lock, say: {@code blockedIn} says what
 * the kernel said it waited in), finished its last update, or was stopped for good at {@code to}.
 * {@code woke} are the blocked writers that ran on during the move, each to the position given.
 */
public record Move(int writer, Position from, Outcome outcome, Position to, String blockedIn, List<Woken> woke) {

    public enum Outcome { REACHED, BLOCKED, FINISHED, STOPPED }

    /** A blocked writer that ran on during someone else's move, to {@code to} (null: it finished). */
    public record Woken(int writer, Position to) {}

    public Move {
        woke = List.copyOf(woke);
    }

    /** The move in words, e.g. {@code W1: after-read of update 1 -> blocked (asleep in locks_lock_inode_wait)}. */
    public String describe() {
        String end = switch (outcome) {
            case REACHED -> to.toString();
            case BLOCKED -> "blocked (" + blockedIn + ")";
            case FINISHED -> "finished";
            case STOPPED -> to + ", stopped there for good";
        };
        StringBuilder text = new StringBuilder("W" + writer + ": " + from + " -> " + end);
        for (Woken w : woke) {
            text.append("; W").append(w.writer()).append(" woke and ran to ").append(w.to() == null ? "its end" : w.to().toString());
        }
        return text.toString();
    }
}
