package clobber.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Processes found by a mark in their environment, {@code CLOBBER_TEST_MARK=<mark>}: a test gives the
 * processes a writer or a plug-in starts a mark of their own (the run's --dir, a random word),
 * and finds them afterwards wherever they went, whoever their parent became. Reads every
 * {@code /proc/PID/environ}, which needs root for other users' processes: clobber's tests run as root.
 * The file holds the environment a process was started with, so the mark must be given to a
 * long-lived process as it starts ({@code env MARK=... sh -c ...}), not exported later.
 */
final class Marked {
    static final String VARIABLE = "CLOBBER_TEST_MARK";

    private Marked() {}

    /** The mark of a run whose data file is {@code file}: its scratch directory's path, unique to the run. */
    static String of(Path file) {
        Path directory = file.toAbsolutePath().getParent();
        // The scratch directory of the session, above the run's own directory.
        return directory.getParent().toString();
    }

    /** The processes alive now whose environment carries {@code mark}. */
    static List<Long> carrying(String mark) {
        byte[] wanted = (VARIABLE + "=" + mark + "\0").getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            return processes.filter(p -> p.getFileName().toString().matches("\\d+"))
                    .filter(p -> contains(p.resolve("environ"), wanted))
                    .map(p -> Long.parseLong(p.getFileName().toString())).toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Waits up to {@code seconds} for every process carrying {@code mark} to be gone; those still there. */
    static List<Long> stillThereAfter(String mark, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        List<Long> left = carrying(mark);
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
            left = carrying(mark);
        }
        return left;
    }

    private static boolean contains(Path environ, byte[] wanted) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(environ);
        } catch (IOException | RuntimeException gone) {
            return false;
        }
        outer:
        for (int i = 0; i + wanted.length <= bytes.length; i++) {
            if (i > 0 && bytes[i - 1] != 0) {
                continue;
            }
            for (int j = 0; j < wanted.length; j++) {
                if (bytes[i + j] != wanted[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
