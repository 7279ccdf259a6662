package clobber.jmh;

import clobber.os.FileTrees;
import clobber.strategy.Documents;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * What every benchmark works on: a fresh directory on the disk under test (java.io.tmpdir, or the
 * {@code clobber.bench.dir} system property), a data file holding a document of a given number of
 * keys, and the one update every writer applies.
 */
final class Workspace {
    private Workspace() {}

    /**
     * The update: increment a counter in the document. A read-modify-write, like every update the
     * harness studies, that leaves the document's size as it was: each invocation costs the same.
     */
    static final UnaryOperator<ObjectNode> INCREMENT = document ->
            document.put("counter", document.path("counter").asLong() + 1);

    /** A document of {@code keys} keys, e.g. {@code {"key-000000": 0, ...}}: about 20 bytes a key. */
    static ObjectNode document(int keys) {
        ObjectNode document = JsonNodeFactory.instance.objectNode();
        for (int i = 0; i < keys; i++) {
            document.put(String.format("key-%06d", i), i);
        }
        return document;
    }

    /** A fresh directory for one trial, on the disk the figures are about. */
    static Path directory() throws IOException {
        Path parent = Path.of(System.getProperty("clobber.bench.dir", System.getProperty("java.io.tmpdir")));
        return Files.createTempDirectory(parent, "clobber-jmh-");
    }

    /** Writes the document of {@code keys} keys to {@code file} and returns its bytes. */
    static byte[] populate(Path file, int keys) throws IOException {
        byte[] bytes = Documents.bytes(document(keys));
        Files.write(file, bytes);
        return bytes;
    }

    static void delete(Path directory) throws IOException {
        FileTrees.delete(directory);
    }
}
