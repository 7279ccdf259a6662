package clobber.driver;

import clobber.strategy.Step;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How writer processes are killed (SIGKILL) during a run. At named points: one crash per entry
 * of {@code steps}, each a Java writer that kills itself the k-th time it reaches that step (k
 * chosen at random in the first half of its updates), and one per entry of {@code calls}, each an
 * external writer killed right after its n-th call of that system call on the data file; either
 * hits a crash window every time. Or at random moments: the driver kills a random running writer
 * {@code ratePerSecond} times a second on average, which shows how likely a window is in
 * practice, {@code randomKills} times at most. Killed Java writers are replaced so the run goes
 * on to its total (an external writer numbers its own updates and cannot resume, so it is not);
 * a point a writer never passes never fires.
 */
public record CrashPlan(List<Step> steps, List<CrashCall> calls, double ratePerSecond, int randomKills) {
    /** No bound on the random kills of a run: as many as the rate gives until the run ends. */
    public static final int UNBOUNDED = Integer.MAX_VALUE;

    public CrashPlan {
        steps = List.copyOf(steps);
        calls = List.copyOf(calls);
    }

    /** {@code crashes} crashes, all at {@code step}. */
    public static CrashPlan atStep(Step step, int crashes) {
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < crashes; i++) {
            steps.add(step);
        }
        return new CrashPlan(steps, List.of(), 0, 0);
    }

    /** {@code crashes} external writers killed, each right after its {@code call}. */
    public static CrashPlan atCall(CrashCall call, int crashes) {
        List<CrashCall> calls = new ArrayList<>();
        for (int i = 0; i < crashes; i++) {
            calls.add(call);
        }
        return new CrashPlan(List.of(), calls, 0, 0);
    }

    /**
     * One crash at every step from the lock on, and one right after the first call of each
     * family on the data file: whichever window a strategy or a program has, one crash lands in it.
     * Before the lock a writer has changed nothing, and a crash there shows nothing.
     */
    public static CrashPlan atEveryStep() {
        return new CrashPlan(Arrays.stream(Step.values()).filter(s -> s != Step.BEFORE_LOCK).toList(),
                Arrays.stream(CrashCall.Family.values()).map(family -> new CrashCall(family, 1)).toList(), 0, 0);
    }

    /** Kills at random moments, {@code ratePerSecond} a second on average, {@code kills} of them at most. */
    public static CrashPlan random(double ratePerSecond, int kills) {
        return new CrashPlan(List.of(), List.of(), ratePerSecond, kills);
    }

    public boolean random() {
        return steps.isEmpty() && calls.isEmpty();
    }

    @Override
    public String toString() {
        List<String> points = new ArrayList<>(steps.stream().map(Step::label).toList());
        points.addAll(calls.stream().map(CrashCall::toString).toList());
        return random() ? "random, " + ratePerSecond + "/s" + (randomKills == UNBOUNDED ? "" : ", " + randomKills + " at most")
                : "at " + String.join(", ", points);
    }
}
