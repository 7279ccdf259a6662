package clobber.driver;

import clobber.strategy.Step;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How writer processes are killed (SIGKILL) during a run. Either at named steps: one crash per
 * entry of {@code steps}, each a writer that kills itself the k-th time it reaches that step
 * (k chosen at random in the first half of its updates), which hits a crash window every time;
 * or at random moments: the driver kills a random running writer {@code ratePerSecond} times a
 * second on average, which shows how likely a window is in practice. Killed writers are replaced
 * so the run goes on to its total; a step a strategy never passes never fires.
 */
public record CrashPlan(List<Step> steps, double ratePerSecond) {

    public CrashPlan {
        steps = List.copyOf(steps);
    }

    /** {@code crashes} crashes, all at {@code step}. */
    public static CrashPlan atStep(Step step, int crashes) {
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < crashes; i++) {
            steps.add(step);
        }
        return new CrashPlan(steps, 0);
    }

    /**
     * One crash at every step from the lock on: whichever window a strategy has, one crash lands
     * in it. Before the lock a writer has changed nothing, and a crash there shows nothing.
     */
    public static CrashPlan atEveryStep() {
        return new CrashPlan(Arrays.stream(Step.values()).filter(s -> s != Step.BEFORE_LOCK).toList(), 0);
    }

    public static CrashPlan random(double ratePerSecond) {
        return new CrashPlan(List.of(), ratePerSecond);
    }

    public boolean random() {
        return steps.isEmpty();
    }

    @Override
    public String toString() {
        return random() ? "random, " + ratePerSecond + "/s" : "at " + String.join(", ", steps.stream().map(Step::label).toList());
    }
}
