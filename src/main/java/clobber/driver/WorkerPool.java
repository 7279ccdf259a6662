package clobber.driver;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Worker JVMs, started on first need and kept for the next run: a JVM takes a fraction of a
 * second of CPU to start, a run of a fast strategy less than that. A worker that died, hung or
 * was killed is never given back.
 */
public final class WorkerPool implements AutoCloseable {
    private final Path logDirectory;
    private final String classpath;
    private final SyscallTrace trace;
    private final int host; // 0: this machine
    private final HostLaunch launch;
    private final Deque<WorkerProcess> idle = new ArrayDeque<>();
    private int started;
    private int spares;

    /** A pool whose workers write their stderr to files in {@code logDirectory}. */
    public WorkerPool(Path logDirectory) {
        this(logDirectory, null);
    }

    /** As above, the workers also loading classes from {@code userClasspath} (users' strategies), if not null. */
    public WorkerPool(Path logDirectory, String userClasspath) {
        this(logDirectory, withOwn(userClasspath), null, 0, null);
    }

    private WorkerPool(Path logDirectory, String classpath, SyscallTrace trace, int host, HostLaunch launch) {
        this.logDirectory = logDirectory;
        this.classpath = classpath;
        this.trace = trace;
        this.host = host;
        this.launch = launch;
    }

    private static String withOwn(String userClasspath) {
        String own = System.getProperty("java.class.path");
        return userClasspath == null ? own : own + java.io.File.pathSeparator + userClasspath;
    }

    /** A pool of its own whose workers, loading the same classes, each run under {@code trace}. */
    WorkerPool traced(SyscallTrace trace) {
        return new WorkerPool(logDirectory, classpath, trace, host, launch);
    }

    /**
     * A pool of its own whose workers, loading the same classes, start on host {@code number}
     * through {@code launch}: the same java and class path must be there.
     */
    WorkerPool onHost(int number, HostLaunch hostLaunch) {
        return new WorkerPool(logDirectory, classpath, trace, number, hostLaunch);
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
        List<String> command = List.of(
                ProcessHandle.current().info().command().orElseThrow(() -> new IOException("cannot tell which java runs clobber")),
                "--enable-native-access=ALL-UNNAMED",
                "-XX:+UseSerialGC", "-Xmx256m", "-Xss512k",
                "-cp", classpath,
                Worker.class.getName());
        if (trace != null) {
            command = trace.command("worker-" + number, command);
        }
        if (launch != null) {
            command = launch.command(host, command);
        }
        return WorkerProcess.start("worker " + number + (host == 0 ? "" : " on host " + host), command,
                logDirectory.resolve((host == 0 ? "" : "h" + host + "-") + "worker-" + number + ".stderr"));
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
