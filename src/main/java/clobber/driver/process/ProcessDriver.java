package clobber.driver.process;

import clobber.check.Evidence;
import clobber.driver.CrashPlan;
import clobber.driver.Driver;
import clobber.driver.RunSpec;
import clobber.strategy.Condition;

import java.io.IOException;
import java.util.EnumSet;
import java.util.Set;

/**
 * Writers in separate processes. {@link #processes}: one writer per worker JVM. {@link #mixed}: P
 * JVMs with several writer threads each, so that a lock must exclude threads and processes at once.
 * {@link #crashing}: one writer per JVM, and any external writers, killed with SIGKILL as they work. Every worker sets up and
 * warms up, reports ready, and only when all are ready does one start signal go out: contention
 * begins at once, not staggered by JVM start-up. External writers (programs in any language) join
 * the same start signal.
 */
public final class ProcessDriver implements Driver {
    private final WorkerPool pool;
    private final int processes; // 0: one per writer
    private final boolean crashing;

    private ProcessDriver(WorkerPool pool, int processes, boolean crashing) {
        this.pool = pool;
        this.processes = processes;
        this.crashing = crashing;
    }

    /** One writer per process. */
    public static ProcessDriver processes(WorkerPool pool) {
        return new ProcessDriver(pool, 0, false);
    }

    /** The writers spread as threads over {@code processes} processes. */
    public static ProcessDriver mixed(WorkerPool pool, int processes) {
        return new ProcessDriver(pool, processes, false);
    }

    /**
     * One writer per process, killed by SIGKILL while they work: unless the run says otherwise, one
     * writer at each step of an update, so that whatever window a strategy leaves open, a crash
     * lands in it (random moments, --crash-rate, would hit a window of microseconds once in many
     * runs). What a crash may cost is bounded by what the strategy promised: an in-flight update
     * may be present or absent, but an acknowledged one must survive, and the file must still parse.
     */
    public static ProcessDriver crashing(WorkerPool pool) {
        return new ProcessDriver(pool, 0, true);
    }

    /** {@code spec} with the crash driver's crash at every step, unless it brings a crash plan of its own. */
    private RunSpec withCrash(RunSpec spec) {
        return crashing && spec.stress().crash() == null ? spec.withCrash(CrashPlan.atEveryStep()) : spec;
    }

    /**
     * What the run's layout imposes, not what the driver's name suggests: several writer threads
     * in one JVM impose THREADS (a lock owned by the process, fcntl's, does not exclude them), and
     * several writer processes (JVMs or external writers) impose PROCESSES. With as many JVMs as
     * writers, {@code mixed} is {@code processes} by another name.
     */
    @Override
    public Set<Condition> conditions(Set<Condition> nominal, RunSpec requested) {
        RunSpec spec = withCrash(requested);
        int jvms = jvms(spec);
        EnumSet<Condition> imposed = EnumSet.copyOf(Driver.super.conditions(nominal, spec));
        imposed.removeAll(EnumSet.of(Condition.THREADS, Condition.PROCESSES));
        if (spec.writers().count() > jvms) {
            imposed.add(Condition.THREADS);
        }
        if (jvms + (spec.writers().external() == null ? 0 : spec.writers().external().count()) > 1) {
            imposed.add(Condition.PROCESSES);
        }
        return imposed;
    }

    private int jvms(RunSpec spec) {
        return processes == 0 ? spec.writers().count() : Math.min(processes, spec.writers().count());
    }

    @Override
    public String unfit(RunSpec requested) {
        RunSpec spec = withCrash(requested);
        if (spec.stress().crash() != null && processes != 0) {
            return "crashes kill one writer per process (--driver processes or crash)";
        }
        String crashes = CrashPoints.unfit(spec);
        if (crashes != null) {
            return crashes;
        }
        return spec.stress().readers() > 0 && !spec.workload().hasDocument()
                ? "readers read one document, and the " + spec.workload().name() + " workload writes many files" : null;
    }

    @Override
    public Evidence run(RunSpec spec) throws InterruptedException, IOException {
        RunSpec crashed = withCrash(spec);
        return new ProcessRun(crashed, Placement.local(pool, crashed.file()), jvms(crashed), ProcessRun.Listener.NONE).execute();
    }
}
