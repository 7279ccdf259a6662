package clobber.driver;

import com.fasterxml.jackson.databind.ObjectMapper;
import clobber.strategy.Condition;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Writers in separate JVMs. {@code processes}: one writer per worker process. {@code mixed}:
 * P processes with several writer threads each, so that a lock must exclude both threads and
 * processes at once. Every worker sets up and warms up, reports ready, and only when all are
 * ready does one start signal go out: contention begins at once, not staggered by JVM start-up.
 *
 * <p>A worker that dies is reported with its exit code and stderr; one still running at the
 * timeout is reported with a thread dump, and killed. Either way it is not used again.
 */
public final class ProcessDriver implements Driver {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(2);
    private static final WriterRecord.Data[] NO_DATA = {};

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

    @Override
    public DriverOutcome run(RunSpec spec) throws InterruptedException, IOException {
        int workers = processes == 0 ? spec.writers() : Math.min(processes, spec.writers());
        int[] first = new int[workers + 1];
        for (int i = 0; i < workers; i++) {
            first[i + 1] = first[i] + spec.writers() / workers + (i < spec.writers() % workers ? 1 : 0);
        }
        try (OverlapVerifier verifier = OverlapVerifier.map(spec.verifierFile(), spec.writers())) {
            List<WorkerPool.Handle> handles = pool.take(workers);
            List<String> notes = new ArrayList<>();
            for (int i = 0; i < workers; i++) {
                handles.get(i).send("job " + JSON.writeValueAsString(WorkerJob.of(spec, first[i], first[i + 1] - first[i])));
            }
            for (WorkerPool.Handle handle : handles) {
                if (handle.await("ready", READY_TIMEOUT) == null) {
                    String failure = handle.describeFailure();
                    handles.forEach(WorkerPool.Handle::kill);
                    throw new IOException("a worker did not start: " + failure);
                }
            }
            long begin = System.nanoTime();
            handles.forEach(h -> h.send("go"));
            long deadline = begin + spec.timeout().toNanos();
            List<WriterRecord> records = new ArrayList<>();
            boolean timedOut = false;
            for (int i = 0; i < workers; i++) {
                WorkerPool.Handle handle = handles.get(i);
                String result = handle.await("result ", Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
                if (result != null) {
                    Arrays.stream(JSON.readValue(result.substring(7), NO_DATA.getClass())).map(WriterRecord::of).forEach(records::add);
                    pool.giveBack(handle);
                    continue;
                }
                String why;
                if (handle.process.isAlive()) {
                    timedOut = true;
                    String dump = handle.threadDump();
                    Files.writeString(spec.file().resolveSibling("worker-" + handle.number + "-threads.txt"), dump);
                    why = "worker " + handle.number + " hung past the timeout; thread dump: "
                            + dump.lines().filter(l -> l.contains("\"writer-")).findFirst().orElse("(none)").trim();
                } else {
                    why = handle.describeFailure();
                }
                notes.add(why);
                handle.kill();
                for (int w = first[i]; w < first[i + 1]; w++) {
                    records.add(WriterRecord.lost(w, spec.writesPerWriter(), why));
                }
            }
            long wall = System.nanoTime() - begin;
            return DriverOutcome.of(records, wall, timedOut, verifier, begin).withNotes(notes);
        }
    }
}
