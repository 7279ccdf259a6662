package clobber.cli;

import clobber.os.JavaCommand;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs clobber as a user does, in a JVM of its own, and captures its exit code, its output, and
 * every process it started (seen by ProcessHandle while it ran), to check that none outlives it.
 */
record ClobberProcess(int exit, String out, String err, Set<ProcessHandle> children) {

    static ClobberProcess run(Path workingDirectory, String... args) throws IOException, InterruptedException {
        return run(workingDirectory, 0, clobber -> { }, args);
    }

    /**
     * Runs clobber; once it has {@code children} descendants, {@code whenStarted} is called with
     * its process (to interrupt it, say).
     */
    static ClobberProcess run(Path workingDirectory, int children, Consumer<Process> whenStarted, String... args)
            throws IOException, InterruptedException {
        return run(workingDirectory, List.of(), children, whenStarted, args);
    }

    /** As above, in a JVM given {@code jvmOptions} (a temp directory of its own, say). */
    static ClobberProcess run(Path workingDirectory, List<String> jvmOptions, int children, Consumer<Process> whenStarted, String... args)
            throws IOException, InterruptedException {
        List<String> command = command(jvmOptions, args);
        Path out = workingDirectory.resolveSibling(workingDirectory.getFileName() + ".out");
        Path err = workingDirectory.resolveSibling(workingDirectory.getFileName() + ".err");
        Process process = new ProcessBuilder(command).directory(workingDirectory.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        Set<ProcessHandle> seen = new HashSet<>();
        boolean told = false;
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (process.isAlive()) {
            process.descendants().forEach(seen::add);
            if (!told && children > 0 && seen.size() >= children) {
                told = true;
                whenStarted.accept(process);
            }
            if (System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new AssertionError("clobber did not finish: " + command);
            }
            process.waitFor(20, TimeUnit.MILLISECONDS);
        }
        return new ClobberProcess(process.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8), seen);
    }

    /**
     * The command line of a clobber JVM with {@code jvmOptions} (e.g. a -D test hook) and
     * {@code args}, with SIGINT at its default, as a terminal's Ctrl-C finds it: a test run started
     * in the background of a shell inherits SIGINT ignored, and a JVM keeps an ignored SIGINT so.
     */
    static List<String> command(List<String> jvmOptions, String... args) {
        List<String> options = JavaCommand.shortLived(jvmOptions.toArray(String[]::new));
        List<String> command = new ArrayList<>(List.of("env", "--default-signal=INT"));
        command.addAll(JavaCommand.of(options, null, Clobber.class.getName(), List.of(args)));
        return command;
    }

    /**
     * Fails with {@code message}, naming each one, if a process clobber started is still alive
     * after 30 s: time for the kernel to reap them, and to tear down a namespace on a loaded machine.
     */
    void assertNoSurvivor(String message) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (ProcessHandle child : children) {
            try {
                child.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                // still alive: named below
            }
        }
        List<String> alive = children.stream().filter(ProcessHandle::isAlive)
                .map(child -> child.pid() + " " + child.info().commandLine().orElse("?")).toList();
        if (!alive.isEmpty()) {
            throw new AssertionError(message + ": " + String.join("; ", alive));
        }
    }
}
