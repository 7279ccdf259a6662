package clobber.check;

import clobber.strategy.Step;

/**
 * Where a stepped writer stands: at the start of update {@code update} (no step yet), or at
 * {@code step} of it. Updates count from 0 here and from 1 in what people read.
 */
public record Position(int update, Step step) {

    private static final String START = "start";

    public static Position start(int update) {
        return new Position(update, null);
    }

    /** The step's label, or {@code start}. */
    public String label() {
        return step == null ? START : step.label();
    }

    public static Position parse(int update, String label) {
        return START.equals(label) ? start(update) : new Position(update, Step.labelled(label));
    }

    @Override
    public String toString() {
        return (step == null ? "start of update " : step.label() + " of update ") + (update + 1);
    }
}
