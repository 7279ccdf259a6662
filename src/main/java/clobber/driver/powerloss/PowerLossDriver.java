package clobber.driver.powerloss;

import clobber.check.Evidence;
import clobber.driver.Driver;
import clobber.driver.RunSpec;
import clobber.driver.process.Placement;
import clobber.driver.process.ProcessRun;
import clobber.driver.process.WorkerPool;
import clobber.driver.trace.FileOp;
import clobber.driver.trace.Replay;
import clobber.driver.trace.SameFileSystem;
import clobber.driver.trace.Strace;
import clobber.driver.trace.TraceFile;
import clobber.strategy.Condition;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A power cut at every point of a run, found from the system calls rather than waited for. A
 * SIGKILL leaves the kernel's page cache to reach the disk; a power cut does not, so a strategy
 * that never fsyncs passes every other column. Here one writer process (and any external
 * writers, each a process of its own) runs under strace; every call that changes a file of the
 * run's directory (wherever on its file system the file was written before it was renamed in),
 * every fsync, and every acknowledgement is recorded in one order; and the
 * {@link PersistenceModel} says which states the directory could come back in after a cut at
 * each point. The judge judges each state: the data file must parse, and every update
 * acknowledged before the cut must be in it.
 *
 * <p>The run is small on purpose: one Java writer of at most {@link #UPDATES} updates, since
 * every operation not yet fsynced doubles the states a POSIX cut can leave.
 */
public final class PowerLossDriver implements Driver {
    /** The Java writer's updates, at most: enough for an update to follow a durable one. */
    static final int UPDATES = 3;

    private final WorkerPool pool;
    private final PersistenceModel model;
    private final int maxStates;

    public PowerLossDriver(WorkerPool pool, PersistenceModel model, int maxStates) {
        this.pool = pool;
        this.model = model;
        this.maxStates = maxStates;
    }

    /** Power loss; and processes, where external writers run beside the Java one or each other. */
    @Override
    public Set<Condition> conditions(Set<Condition> nominal, RunSpec spec) {
        return Driver.processesIfShared(nominal, spec);
    }

    /** One Java writer of at most {@link #UPDATES} updates (none with --writers 0), beside the external writers, if any. */
    @Override
    public RunSpec sized(RunSpec spec) {
        return spec.withSize(Math.min(1, spec.writers().count()), Math.min(UPDATES, spec.writesPerWriter()));
    }

    @Override
    public String unfit(RunSpec spec) {
        if (spec.stress().crash() != null || spec.stress().readers() > 0) {
            return "a power cut is the crash here, and the states are judged after the run (no --crash-at, --crash-rate or readers)";
        }
        return Strace.available() ? null : "the powerloss driver records system calls with strace, which is not installed "
                + "(apt-get install strace; ./clobber does it when run as root)";
    }

    @Override
    public Evidence run(RunSpec spec) throws InterruptedException, IOException {
        RunSpec small = sized(spec);
        Path directory = small.file().toAbsolutePath().normalize().getParent();
        Map<String, byte[]> initial = new TreeMap<>();
        try (var files = Files.list(directory)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                initial.put(file.getFileName().toString(), Files.readAllBytes(file));
            }
        }
        Path traces = Files.createTempDirectory(directory.getParent(), directory.getFileName() + "-traces-");
        Evidence evidence;
        int[] workers = {0};
        try (WorkerPool traced = pool.wrapped("traced", command -> Strace.recording(Strace.Purpose.DURABILITY,
                traces.resolve("worker-" + ++workers[0] + ".trace"), command))) {
            evidence = new ProcessRun(small, Placement.local(traced, small.file(), (slot, writer, command) ->
                    Strace.recording(Strace.Purpose.DURABILITY, traces.resolve("W" + writer + ".trace"), command)), small.writers().count(), ProcessRun.Listener.NONE).execute();
        }
        List<String> existing = initial.keySet().stream().map(name -> directory.resolve(name).toString()).toList();
        Map<String, Long> sizes = new HashMap<>();
        initial.forEach((name, bytes) -> sizes.put(directory.resolve(name).toString(), (long) bytes.length));
        List<FileOp> replayed = Replay.of(TraceFile.merged(traces), existing, sizes, new SameFileSystem(directory),
                Path.of("").toAbsolutePath().toString());
        DurableOps.Result durable = DurableOps.of(replayed, directory);
        List<FsOp> ops = PersistenceModel.blocks(durable.ops());
        return evidence.cut(new PowerLossTrace(model, ops, initial, model.explore(ops, maxStates), directory))
                .found(durable.unmodelled());
    }
}
