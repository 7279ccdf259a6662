package clobber.driver;

import clobber.strategy.Condition;

import java.io.IOException;
import java.util.EnumSet;
import java.util.Set;

/**
 * Writers in separate processes. {@code processes}: one writer per worker JVM. {@code mixed}:
 * P JVMs with several writer threads each, so that a lock must exclude threads and processes at
 * once. Every worker sets up and warms up, reports ready, and only when all are ready does one
 * start signal go out: contention begins at once, not staggered by JVM start-up. External
 * writers (programs in any language) join the same start signal.
 */
public final class ProcessDriver implements Driver {
    private final WorkerPool pool;
    private final int processes; // 0: one per writer

    private ProcessDriver(WorkerPool pool, int processes) {
        this.pool = pool;
        this.processes = processes;
    }

    /** One writer per process. */
    public static ProcessDriver processes(WorkerPool pool) {
        return new ProcessDriver(pool, 0);
    }

    /** The writers spread as threads over {@code processes} processes. */
    public static ProcessDriver mixed(WorkerPool pool, int processes) {
        return new ProcessDriver(pool, processes);
    }

    @Override
    public String name() {
        return processes == 0 ? "processes" : "mixed";
    }

    @Override
    public Set<Condition> conditions() {
        return processes == 0 ? Set.of(Condition.PROCESSES) : Set.of(Condition.THREADS, Condition.PROCESSES);
    }

    /**
     * What the run's layout imposes, not what the driver's name suggests: several writer threads
     * in one JVM impose THREADS (a lock owned by the process, fcntl's, does not exclude them), and
     * several writer processes (JVMs or external writers) impose PROCESSES. With as many JVMs as
     * writers, {@code mixed} is {@code processes} by another name.
     */
    @Override
    public Set<Condition> conditions(RunSpec spec) {
        int jvms = jvms(spec);
        EnumSet<Condition> imposed = EnumSet.copyOf(Driver.super.conditions(spec));
        imposed.removeAll(EnumSet.of(Condition.THREADS, Condition.PROCESSES));
        if (spec.writers() > jvms) {
            imposed.add(Condition.THREADS);
        }
        if (jvms + (spec.external() == null ? 0 : spec.external().count()) > 1) {
            imposed.add(Condition.PROCESSES);
        }
        return imposed;
    }

    /** The pool, for writers this driver's layout runs stepped ({@link SteppedDriver}); null for mixed, which steps no writers. */
    WorkerPool poolForOneWriterEach() {
        return processes == 0 ? pool : null;
    }

    private int jvms(RunSpec spec) {
        return processes == 0 ? spec.writers() : Math.min(processes, spec.writers());
    }

    @Override
    public String unfit(RunSpec spec) {
        if (spec.crash() != null && processes != 0) {
            return "crashes kill one writer per process (--driver processes or crash)";
        }
        return spec.readers() > 0 && !spec.workload().hasDocument()
                ? "readers read one document, and the " + spec.workload().name() + " workload writes many files" : null;
    }

    @Override
    public DriverOutcome run(RunSpec spec) throws InterruptedException, IOException {
        return new ProcessRun(spec, pool, jvms(spec)).execute();
    }
}
