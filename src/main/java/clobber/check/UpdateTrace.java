package clobber.check;

import clobber.strategy.Step;

/**
 * One update as it happened: start and end, the time it passed each step (0 where it did not),
 * how many fields the document it read had, and whether it was acknowledged.
 */
public record UpdateTrace(int writer, int seq, long start, long end, long[] stepTimes, int fieldsSeen,
                          boolean acknowledged) {

    /** When the update passed {@code step}, or 0. */
    public long at(Step step) {
        return stepTimes[step.ordinal()];
    }

    /** When its write became the file's content, as near as the steps tell: the last step it passed. */
    public long committed() {
        long last = 0;
        for (Step step : new Step[] {Step.BEFORE_RENAME, Step.MID_WRITE, Step.BEFORE_UNLOCK}) {
            last = Math.max(last, at(step));
        }
        return last == 0 ? end : last;
    }
}
