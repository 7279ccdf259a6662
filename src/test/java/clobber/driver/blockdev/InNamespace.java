package clobber.driver.blockdev;

import clobber.os.LoopDevice;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Runs a test's work inside a {@link PrivateNamespace}, where real file systems may be mounted:
 * a JVM of the test's class path, started as clobber starts itself, running a scenario's
 * {@code main}, which prints its result as one JSON line, {@code RESULT {...}}, read back here into
 * the test's own record type. And what a test checks afterwards: that nothing of a work directory
 * is left on the machine, seen from every mount namespace that has a process.
 */
final class InNamespace {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final String RESULT = "RESULT ";

    private InNamespace() {}

    /** What a scenario process left: its exit code, stdout and stderr. */
    record Run(int exit, String out, String err) {
        <R> R result(Class<R> type) {
            String line = out.lines().filter(l -> l.startsWith(RESULT)).reduce((a, b) -> b)
                    .orElseThrow(() -> new AssertionError("no result line; exit " + exit + "\nstdout:\n" + out + "\nstderr:\n" + err));
            try {
                return JSON.readValue(line.substring(RESULT.length()), type);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Runs {@code main} of {@code scenario} with {@code args} in a fresh private namespace; its result, the process having exited 0. */
    static <R> R run(Class<?> scenario, Class<R> result, String... args) throws IOException, InterruptedException {
        Run run = start(scenario, args);
        assertEquals(0, run.exit(), "the scenario failed\nstdout:\n" + run.out() + "\nstderr:\n" + run.err());
        return run.result(result);
    }

    /** Runs the scenario to its end, whatever its exit code. */
    static Run start(Class<?> scenario, String... args) throws IOException, InterruptedException {
        Path out = Files.createTempFile("clobber-ns-", ".out");
        Path err = Files.createTempFile("clobber-ns-", ".err");
        try {
            Process process = PrivateNamespace.processBuilder(
                            PrivateNamespace.javaCommand(List.of(), scenario.getName(), List.of(args)))
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(3, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                fail("the scenario did not finish in 3 minutes: " + scenario.getName() + " " + String.join(" ", args));
            }
            return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** Prints a scenario's result for {@link Run#result}. */
    static void print(Object result) throws IOException {
        System.out.println(RESULT + JSON.writeValueAsString(result));
    }

    /**
     * What of work directory {@code workDir} is still there: mounts on or below it in any mount
     * namespace a process is in (each process's /proc/PID/mountinfo, what findmnt -N shows), loop
     * devices bound to a file below it, and anything inside it.
     */
    static List<String> leftovers(Path workDir) {
        String name = workDir.toString();
        List<String> found = new ArrayList<>();
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            processes.filter(p -> p.getFileName().toString().matches("\\d+")).forEach(p -> {
                try {
                    for (String line : Files.readAllLines(p.resolve("mountinfo"))) {
                        if (line.contains(name)) {
                            found.add("process " + p.getFileName() + " sees mount: " + line);
                        }
                    }
                } catch (IOException | UncheckedIOException gone) {
                    // the process ended meanwhile
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LoopDevice.bound().forEach((number, file) -> {
            if (file.toString().contains(name)) {
                found.add("loop" + number + " bound to " + file);
            }
        });
        if (Files.isDirectory(workDir)) {
            try (Stream<Path> inside = Files.list(workDir)) {
                inside.forEach(p -> found.add("file " + p));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return found.stream().distinct().toList();
    }

    /** Waits up to {@code seconds} for {@link #leftovers} to be empty; what is left then. */
    static List<String> leftoversAfter(Path workDir, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        List<String> left = leftovers(workDir);
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
            left = leftovers(workDir);
        }
        return left;
    }
}
