package clobber.driver.stepped;

import clobber.check.Move;

import java.util.List;

/**
 * Chooses, one move at a time, which stepped writer runs next: the explorer's side of a
 * {@link SteppedDriver}. It is told every move as it is made and how the schedule ended.
 */
public interface Scheduler {

    /** The writer to move next, one of {@code enabled} (ascending), after {@code moves}. */
    int next(List<Integer> enabled, List<Move> moves);

    /** The schedule is over: every move made, and the deadlock that ended it early, or null. */
    void ended(List<Move> moves, String deadlock);
}
