package clobber.driver;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Worker JVMs, started on first need and kept for the next run: a JVM takes a fraction of a
 * second of CPU to start, a run of a fast strategy less than that. Every worker ever started is
 * also in one JVM-wide set that a shutdown hook kills, so Ctrl-C (SIGINT) or SIGTERM of clobber
 * takes its workers with it; SIGKILL, which runs no hook, is covered by the workers' own lifeline
 * (see {@link Worker}).
 */
public final class WorkerPool implements AutoCloseable {
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly), "kill-workers"));
    }

    private final Path logDirectory;
    private final Deque<Handle> idle = new ArrayDeque<>();

    /** A pool whose workers write their stderr to files in {@code logDirectory}. */
    public WorkerPool(Path logDirectory) {
        this.logDirectory = logDirectory;
    }

    /** One worker process, its protocol pipes, and its stderr file. */
    static final class Handle {
        final int number;
        final Process process;
        final PrintWriter in;
        final BlockingQueue<String> out = new LinkedBlockingQueue<>();
        final Path stderr;

        Handle(int number, Process process, Path stderr) {
            this.number = number;
            this.process = process;
            this.stderr = stderr;
            this.in = new PrintWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8), true);
            Thread.ofPlatform().daemon().name("worker-" + number + "-stdout").start(() -> {
                try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = reader.readLine()) != null) {
                        out.add(line);
                    }
                } catch (IOException ignored) {
                    // the process is gone; waitFor tells how
                }
            });
        }

        void send(String line) {
            in.println(line);
        }

        /**
         * The next protocol line starting with {@code prefix}, or null if the process ended or
         * {@code timeout} passed first. Lines that are not protocol are skipped.
         */
        String await(String prefix, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                String line = out.poll(Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)), TimeUnit.NANOSECONDS);
                if (line != null && line.startsWith(prefix)) {
                    return line;
                }
                if (line == null && !process.isAlive() && out.isEmpty()) {
                    return null;
                }
            }
        }

        /** Why the worker is unusable: its exit code and the end of its stderr. */
        String describeFailure() {
            String code = process.isAlive() ? "still running" : "exited with code " + process.exitValue();
            String tail = "";
            try {
                List<String> lines = Files.readAllLines(stderr);
                tail = String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
            } catch (IOException ignored) {
                // no stderr to show
            }
            return "worker " + number + " (pid " + process.pid() + ") " + code + (tail.isBlank() ? "" : ": " + tail);
        }

        /** A thread dump of a hung worker, taken with jcmd from this JVM's own JDK. */
        String threadDump() {
            Path jcmd = Path.of(ProcessHandle.current().info().command().orElse("java")).resolveSibling("jcmd");
            try {
                Process p = new ProcessBuilder(jcmd.toString(), Long.toString(process.pid()), "Thread.print")
                        .redirectErrorStream(true).start();
                String dump = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                p.waitFor(10, TimeUnit.SECONDS);
                return dump;
            } catch (IOException | InterruptedException e) {
                return "no thread dump: " + e;
            }
        }

        void kill() {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            LIVE.remove(process);
        }
    }

    private int started;

    /** {@code n} workers ready for a job: idle ones first, new ones for the rest. */
    synchronized List<Handle> take(int n) throws IOException {
        List<Handle> taken = new ArrayList<>();
        while (taken.size() < n && !idle.isEmpty()) {
            Handle handle = idle.pop();
            if (handle.process.isAlive()) {
                taken.add(handle);
            } else {
                LIVE.remove(handle.process);
            }
        }
        while (taken.size() < n) {
            taken.add(start());
        }
        return taken;
    }

    synchronized void giveBack(Handle handle) {
        idle.push(handle);
    }

    private Handle start() throws IOException {
        int number = ++started;
        Path stderr = logDirectory.resolve("worker-" + number + ".stderr");
        List<String> command = List.of(
                ProcessHandle.current().info().command().orElseThrow(() -> new IOException("cannot tell which java runs clobber")),
                "--enable-native-access=ALL-UNNAMED",
                "-XX:+UseSerialGC", "-Xmx256m", "-Xss512k",
                "-cp", System.getProperty("java.class.path"),
                Worker.class.getName());
        Process process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
        LIVE.add(process);
        return new Handle(number, process, stderr);
    }

    @Override
    public synchronized void close() {
        idle.forEach(Handle::kill);
        idle.clear();
    }
}
