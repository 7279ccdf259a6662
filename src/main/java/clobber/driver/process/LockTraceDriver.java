package clobber.driver.process;

import clobber.check.Evidence;
import clobber.driver.Driver;
import clobber.driver.RunSpec;
import clobber.driver.trace.FileOp;
import clobber.driver.trace.LockDiscipline;
import clobber.driver.trace.Replay;
import clobber.driver.trace.SameFileSystem;
import clobber.driver.trace.Strace;
import clobber.driver.trace.TraceFile;
import clobber.strategy.Condition;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Lock discipline from the system calls: the writers run as the processes driver runs them (one
 * worker JVM per writer, and any external writers), every one of them under strace, and
 * {@link LockDiscipline} checks that each change of the data file, and the read it rests on, was
 * made under a lock that excludes every other writer's. A lock-discipline bug that loses a write
 * once in thousands of updates (a write after the unlock, a lock a close drops, locks of kinds that
 * do not see each other) is in the trace of every update that has it: the check needs no collision.
 *
 * <p>Small on purpose, as {@link #WRITERS} writers of {@link #UPDATES} updates: every update shows
 * its discipline, and every traced call stops its writer twice.
 */
public final class LockTraceDriver implements Driver {
    /** Java writers, at most: enough for each to meet the others' locks. */
    public static final int WRITERS = 3;
    /** Updates per Java writer, at most. */
    public static final int UPDATES = 10;

    private final WorkerPool pool;

    public LockTraceDriver(WorkerPool pool) {
        this.pool = pool;
    }

    /** Processes, where there are two writer processes or more. */
    @Override
    public Set<Condition> conditions(Set<Condition> nominal, RunSpec spec) {
        return Driver.processesIfShared(Driver.super.conditions(nominal, spec), spec);
    }

    @Override
    public RunSpec sized(RunSpec spec) {
        return spec.withSize(Math.min(WRITERS, spec.writers().count()), Math.min(UPDATES, spec.writesPerWriter()));
    }

    @Override
    public String unfit(RunSpec spec) {
        if (spec.stress().crash() != null) {
            return "the lock check reads a whole trace of every writer (no --crash-at or --crash-rate)";
        }
        if (!spec.workload().hasDocument()) {
            return "the lock check follows one data file, and the " + spec.workload().name() + " workload writes many";
        }
        return Strace.available() ? null : "the locks driver records system calls with strace, which is not installed "
                + "(apt-get install strace; ./clobber does it when run as root)";
    }

    @Override
    public Evidence run(RunSpec requested) throws InterruptedException, IOException {
        RunSpec spec = sized(requested);
        Path file = spec.file().toAbsolutePath().normalize();
        Path directory = file.getParent();
        long size = Files.size(file);
        Path traces = Files.createTempDirectory(directory.getParent(), directory.getFileName() + "-traces-");
        List<WorkerPool> pools = new ArrayList<>();
        for (int w = 0; w < spec.writers().count(); w++) {
            Path trace = traces.resolve("W" + w + ".trace"); // a pool a writer: its one worker's trace is the writer's
            pools.add(pool.wrapped("W" + w + "-traced", command -> Strace.recording(Strace.Purpose.LOCKS, trace, command)));
        }
        Placement placement = new Placement(pools::get, slot -> spec.file(),
                (slot, writer, command) -> Strace.recording(Strace.Purpose.LOCKS, traces.resolve("W" + writer + ".trace"), command));
        Evidence evidence;
        try {
            evidence = new ProcessRun(spec, placement, spec.writers().count(), ProcessRun.Listener.NONE).execute();
        } finally {
            pools.forEach(WorkerPool::close); // a worker's tracer writes its last lines as the worker exits
        }
        List<FileOp> ops = Replay.of(TraceFile.merged(traces), List.of(file.toString()), Map.of(file.toString(), size),
                new SameFileSystem(directory), Path.of("").toAbsolutePath().toString());
        return evidence.found(LockDiscipline.of(ops, file));
    }
}
