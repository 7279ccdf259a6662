package clobber.driver;

import clobber.strategy.Condition;

import java.io.IOException;
import java.util.Set;

/**
 * The processes driver with writers killed by SIGKILL while they work: unless the run says
 * otherwise, one writer at each step of an update, so that whatever window a strategy leaves
 * open, a crash lands in it (random moments, --crash-rate, would hit a window of microseconds
 * once in many runs). What a crash may cost is bounded by what the strategy promised: an
 * in-flight update may be present or absent, but an acknowledged one must survive, and the file
 * must still parse.
 */
public final class CrashDriver implements Driver {
    private final ProcessDriver processes;

    public CrashDriver(WorkerPool pool) {
        this.processes = ProcessDriver.processes(pool);
    }

    @Override
    public String name() {
        return "crash";
    }

    @Override
    public Set<Condition> conditions() {
        return Set.of(Condition.PROCESSES, Condition.CRASH);
    }

    @Override
    public String unfit(RunSpec spec) {
        return processes.unfit(withCrash(spec));
    }

    @Override
    public DriverOutcome run(RunSpec spec) throws InterruptedException, IOException {
        return processes.run(withCrash(spec));
    }

    private static RunSpec withCrash(RunSpec spec) {
        return spec.crash() == null ? spec.withCrash(CrashPlan.atEveryStep()) : spec;
    }
}
