package clobber.driver.process;

import clobber.driver.CrashPlan;
import clobber.driver.RunSpec;
import clobber.driver.trace.Strace;

/**
 * Whether a crash plan's points can be reached by the run's writers: a step is marked by a Java
 * writer's strategy, a system call is counted by strace around an external writer. A plan none of
 * whose points a writer can reach would kill nobody, and a crash run that kills nobody proves
 * nothing.
 */
final class CrashPoints {
    private CrashPoints() {}

    /** Why {@code spec}'s crash plan cannot work, or null. */
    static String unfit(RunSpec spec) {
        CrashPlan plan = spec.stress().crash();
        if (plan == null || plan.random()) {
            return null;
        }
        boolean java = spec.writers().count() > 0;
        boolean external = spec.writers().external() != null;
        if (!plan.calls().isEmpty() && !external && plan.steps().isEmpty()) {
            return "--crash-at " + plan.calls().getFirst() + " kills external writers (--writer-cmd) right after a system call;"
                    + " Java writers crash at the steps their strategy marks (--crash-at after-truncate, say)";
        }
        if (!plan.steps().isEmpty() && !java && plan.calls().isEmpty()) {
            return "--crash-at " + plan.steps().getFirst().label() + " is a step of a Java writer's strategy; an external writer"
                    + " marks no steps and crashes at a system call (--crash-at ftruncate:1, say)";
        }
        if (external && !plan.calls().isEmpty() && !Strace.available()) {
            return "a crash at a system call is delivered by strace, which is not installed (apt-get install strace)";
        }
        return null;
    }
}
