package clobber.driver.process;

import clobber.os.JavaCommand;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Worker JVMs, started on first need and kept for the next run: a JVM takes a fraction of a
 * second of CPU to start, a run of a fast strategy less than that. A worker that died, hung or
 * was killed is never given back. A pool's workers may start wrapped: under a tracer, on another
 * host ({@link #wrapped}).
 */
public final class WorkerPool implements AutoCloseable {
    private final Supplier<Path> logDirectory;
    private final String userClasspath;
    private final String place;
    private final UnaryOperator<List<String>> wrapper;
    private final Deque<WorkerProcess> idle = new ArrayDeque<>();
    private int started;
    private int spares;

    /**
     * Workers loading clobber's classes and {@code userClasspath}'s (users' strategies, null for
     * none), their stderr in files in the directory {@code logDirectory} gives: nothing is started
     * or written until the first worker is needed.
     */
    public WorkerPool(Supplier<Path> logDirectory, String userClasspath) {
        this(logDirectory, userClasspath, "", UnaryOperator.identity());
    }

    private WorkerPool(Supplier<Path> logDirectory, String userClasspath, String place, UnaryOperator<List<String>> wrapper) {
        this.logDirectory = logDirectory;
        this.userClasspath = userClasspath;
        this.place = place;
        this.wrapper = wrapper;
    }

    /**
     * A pool of its own whose workers, loading the same classes, start through {@code wrapper}
     * (a tracer's command line around theirs; a host's launcher), named with {@code place} in their
     * logs (e.g. {@code h1}). The same java and class path must be there.
     */
    public WorkerPool wrapped(String place, UnaryOperator<List<String>> wrap) {
        UnaryOperator<List<String>> inner = wrapper;
        return new WorkerPool(logDirectory, userClasspath, place, command -> wrap.apply(inner.apply(command)));
    }

    /** The users' strategies' class path the workers load besides clobber's, null for none. */
    public String userClasspath() {
        return userClasspath;
    }

    /**
     * Keeps {@code count} idle workers started ahead of need, so that a writer killed by a crash
     * plan is replaced in milliseconds, not after a JVM start.
     */
    synchronized void keepSpares(int count) throws IOException {
        spares = count;
        topUp();
    }

    /** A worker ready for a job: an idle one, or a new one. */
    synchronized WorkerProcess take() throws IOException {
        while (!idle.isEmpty()) {
            WorkerProcess worker = idle.pollLast(); // the oldest: spares are added at the head
            if (worker.alive()) {
                topUp();
                return worker;
            }
            worker.kill();
        }
        return start();
    }

    private void topUp() throws IOException {
        while (idle.size() < spares) {
            idle.push(start());
        }
    }

    private WorkerProcess start() throws IOException {
        int number = ++started;
        List<String> command = wrapper.apply(JavaCommand.of(JavaCommand.shortLived(
                // A heap a strategy exhausted ends the worker at once, with its reason on stderr,
                // rather than leaving it to thrash in garbage collection until the run stalls.
                "-Xmx256m", "-Xss512k", "-XX:+ExitOnOutOfMemoryError"),
                userClasspath, Worker.class.getName(), List.of()));
        String prefix = place.isEmpty() ? "" : place + "-";
        return WorkerProcess.start("worker " + number + (place.isEmpty() ? "" : " on " + place), command,
                logDirectory.get().resolve(prefix + "worker-" + number + ".stderr"));
    }

    synchronized void giveBack(WorkerProcess worker) {
        worker.listen(line -> { });
        idle.push(worker);
    }

    @Override
    public synchronized void close() {
        idle.forEach(WorkerProcess::end);
        idle.clear();
    }
}
