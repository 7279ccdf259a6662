package dev.clobber.atomicjson;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Other processes share the file through the same lock: clobber's reference Python writer (its
 * fcntl.flock is flock(2)) and a second JVM of this library, both updating the file while four
 * threads here do, lose nothing of each other's.
 */
class SharedWithOtherProcessesTest {
    /** The Python writer clobber ships, from this module's directory (the working directory of its tests). */
    private static final Path PYTHON_WRITER = Path.of("../src/main/writers/python/atomic_json_update.py");
    private static final int UPDATES = 200;

    @TempDir
    Path dir;

    @Test
    void aPythonWriterAndASecondJvmLoseNothingOfEachOthers() throws Exception {
        assertTrue(Files.isRegularFile(PYTHON_WRITER), "clobber's Python writer is at " + PYTHON_WRITER.toAbsolutePath());
        Path file = dir.resolve("data.json");
        // The Python writer adds "w9-<i>"; it says "ready", then starts on "go".
        Process python = new ProcessBuilder("python3", PYTHON_WRITER.toString(), file.toString(), "9", String.valueOf(UPDATES))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Process jvm = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                ChildWriter.class.getName(), file.toString(), "jvm", String.valueOf(UPDATES))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        AtomicJsonFile json = AtomicJsonFile.open(file);
        try (ExecutorService threads = Executors.newFixedThreadPool(4)) {
            python.getOutputStream().write("go\n".getBytes(StandardCharsets.UTF_8));
            python.getOutputStream().flush();
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                int writer = w;
                writers.add(threads.submit(() -> {
                    for (int i = 0; i < UPDATES / 4; i++) {
                        int seq = i;
                        json.update(document -> document.put("t" + writer + "-" + seq, seq));
                    }
                    return null;
                }));
            }
            for (Future<?> writer : writers) {
                writer.get();
            }
        }
        String pythonSaid = finish(python);
        assertTrue(pythonSaid.endsWith("done\n"), pythonSaid);
        assertEquals("done\n", finish(jvm));

        ObjectNode document = json.read();
        for (int i = 0; i < UPDATES; i++) {
            assertTrue(document.has("w9-" + i), "python's w9-" + i);
            assertTrue(document.has("jvm-" + i), "the second JVM's jvm-" + i);
            assertTrue(document.has("t" + i % 4 + "-" + i / 4), "this JVM's t" + i % 4 + "-" + i / 4);
        }
        assertEquals(3 * UPDATES, document.size());
    }

    private static String finish(Process process) throws IOException, InterruptedException {
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), out);
        return out;
    }

    /** The second JVM: {@code FILE PREFIX COUNT} adds keys {@code PREFIX-0} .. {@code PREFIX-(COUNT-1)}, then says done. */
    public static final class ChildWriter {
        public static void main(String[] args) throws IOException {
            AtomicJsonFile json = AtomicJsonFile.open(Path.of(args[0]));
            for (int i = 0, n = Integer.parseInt(args[2]); i < n; i++) {
                int seq = i;
                json.update(document -> document.put(args[1] + "-" + seq, seq));
            }
            System.out.println("done");
        }
    }
}
