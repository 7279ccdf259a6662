package clobber.driver;

import clobber.strategy.Step;
import clobber.strategy.StepHook;

import java.util.concurrent.locks.LockSupport;

/**
 * Widens a race window: every writer that reaches {@code step} sleeps {@code micros} there. A
 * window a few microseconds wide is hit now and then; held open for a few hundred, it is hit by
 * nearly every writer that overlaps, and a run shows the failure every time instead of sometimes.
 * It changes timing only: a strategy that is correct stays correct, just slower.
 */
public record Pause(Step step, long micros) implements StepHook {

    /** Parses {@code step:micros}, e.g. {@code after-read:200}. */
    public static Pause parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("--pause takes STEP:MICROS, e.g. after-read:200, not '" + text + "'");
        }
        Step step = Step.labelled(text.substring(0, colon));
        long micros;
        try {
            micros = Long.parseLong(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--pause: '" + text.substring(colon + 1) + "' is not a whole number of microseconds");
        }
        if (micros < 0 || micros > 10_000_000) {
            throw new IllegalArgumentException("--pause: microseconds must be between 0 and 10000000, not " + micros);
        }
        return new Pause(step, micros);
    }

    @Override
    public void at(Step reached) {
        if (reached == step && micros > 0) {
            LockSupport.parkNanos(micros * 1000);
        }
    }

    @Override
    public String toString() {
        return step.label() + ":" + micros;
    }
}
