package clobber.driver.process;

import clobber.os.Containment;
import clobber.os.NativeProcess;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A writer process, a clobber worker JVM or an external program, seen from the driver: lines to
 * its stdin, its stdout lines to whoever listens, its stderr in a file. Every process started
 * here is in one JVM-wide set that a shutdown hook kills, so Ctrl-C (SIGINT) or SIGTERM of clobber
 * takes its workers with it; SIGKILL, which runs no hook, is covered by the workers' lifeline.
 * Where cgroups can be used, each process and whatever it starts is in a cgroup of its own
 * ({@link Containment}), which holds what a process group does not (a child started with setsid,
 * a double fork) and is killed by a watchdog when clobber is SIGKILLed.
 */
final class WorkerProcess {
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(WorkerProcess::killGroup), "kill-workers"));
    }

    final String name;
    final Process process;
    private final PrintWriter in;
    private final Path stderr;
    /** The process's cgroup, null where there are none. */
    private final Containment.Leaf cgroup;
    private volatile Consumer<String> listener;
    private Thread reader;

    private WorkerProcess(String name, Process process, Path stderr, Containment.Leaf cgroup) {
        this.name = name;
        this.process = process;
        this.stderr = stderr;
        this.cgroup = cgroup;
        this.in = new PrintWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8), true);
    }

    /**
     * Sends every stdout line, then null at end of file, to {@code lines}. Reading starts with the
     * first listener, so that nothing the process says, not even a quick death, goes unheard.
     */
    synchronized void listen(Consumer<String> lines) {
        listener = lines;
        if (reader == null) {
            reader = Thread.ofPlatform().daemon().name(name + "-stdout").start(this::read);
        }
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                listener.accept(line);
            }
        } catch (IOException ignored) {
            // the process is gone; its exit code tells how
        }
        listener.accept(null);
    }

    /** Starts {@code command}, its stderr going to {@code stderr}. */
    static WorkerProcess start(String name, List<String> command, Path stderr) throws IOException {
        // setsid(1) makes the process the leader of a session and process group of its own (it
        // execs in place: a child of the JVM is never a group leader), so that killing the group
        // takes everything it started, and a terminal's Ctrl-C reaches clobber, whose hook
        // does the killing, rather than every writer at once.
        List<String> inItsOwnGroup = new java.util.ArrayList<>(List.of("setsid"));
        inItsOwnGroup.addAll(command);
        Containment.Leaf cgroup = Containment.here().isPresent() ? Containment.here().get().leaf() : null;
        Process process = new ProcessBuilder(cgroup == null ? inItsOwnGroup : cgroup.wrap(inItsOwnGroup))
                .redirectError(stderr.toFile()).start();
        LIVE.add(process);
        return new WorkerProcess(name, process, stderr, cgroup);
    }

    void send(String line) {
        in.println(line);
    }

    boolean alive() {
        return process.isAlive();
    }

    /**
     * Waits a little for the process to be gone: its stdout closes just before it exits, so a
     * process whose end of file was just read may still be running for a moment.
     */
    void awaitExit() {
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Why the process is unusable: its exit code (or signal) and the lines of its stderr that say why ({@link ErrorLines}). */
    String describeFailure() {
        awaitExit();
        String code;
        if (process.isAlive()) {
            code = "is still running";
        } else if (process.exitValue() > 128) {
            code = "was killed by signal " + (process.exitValue() - 128);
        } else {
            code = "exited with code " + process.exitValue();
        }
        String said = "";
        try {
            said = ErrorLines.of(Files.readString(stderr, StandardCharsets.ISO_8859_1));
        } catch (IOException ignored) {
            // no stderr to show
        }
        return name + " (pid " + process.pid() + ") " + code + (said.isBlank() ? "" : "; its stderr: " + said);
    }

    /** A thread dump of a hung worker JVM, taken with jcmd from this JVM's own JDK. */
    String threadDump() {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
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

    /** SIGKILL to the process and its whole group: the process's pid is its group's id. */
    private static void killGroup(Process process) {
        NativeProcess.killGroup(process.pid());
        process.destroyForcibly();
    }

    /**
     * Ends the process gently: its stdin closed (a worker halts at once; a writer that follows the
     * protocol exits), a few seconds to go, then the group killed. A tracer wrapped around it
     * (strace) finishes its output when the process it traces exits, not when it is killed.
     */
    void end() {
        in.close();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        kill();
    }

    /** SIGKILL to the process and everything it started (its cgroup, its process group), and wait for it to be gone. */
    void kill() {
        killGroup(process);
        if (cgroup != null) {
            cgroup.kill();
        }
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LIVE.remove(process);
    }
}
