package clobber.driver;

import clobber.strategy.Step;

/**
 * How writer processes are killed (SIGKILL) during a run. Either at a named step: {@code crashes}
 * writers each halt themselves the k-th time they reach {@code step} (k chosen at random in the
 * first half of their updates), which makes a crash window certain to be hit; or at random
 * moments: the driver kills a random running writer {@code ratePerSecond} times a second on
 * average, which shows how likely the window is in practice. Killed writers are replaced so the
 * run goes on to its total.
 */
public record CrashPlan(Step step, int crashes, double ratePerSecond) {

    public static CrashPlan atStep(Step step, int crashes) {
        return new CrashPlan(step, crashes, 0);
    }

    public static CrashPlan random(double ratePerSecond) {
        return new CrashPlan(null, 0, ratePerSecond);
    }

    boolean random() {
        return step == null;
    }

    @Override
    public String toString() {
        return random() ? "random, " + ratePerSecond + "/s" : crashes + " at " + step.label();
    }
}
