package clobber.strategy;

/**
 * What the harness does when a writer reaches a {@link Step}: nothing, pause (to widen a race
 * window), halt the process (to crash there), or wait for a scheduler's turn. Strategies only call
 * it; they never know which it is.
 */
@FunctionalInterface
public interface StepHook {
    StepHook NONE = step -> { };

    void at(Step step);

    /** This hook, then {@code next}. */
    default StepHook andThen(StepHook next) {
        return step -> {
            at(step);
            next.at(step);
        };
    }
}
