package clobber.strategy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Bytes to document and back. A missing file is the empty document (nothing was ever written);
 * an empty file is not: a JSON document is never zero bytes long, so an empty file is one that
 * was truncated and not written again, and reading it is an error, as {@code json.load} says too.
 */
public final class Documents {
    /**
     * Without field-name interning: a document's keys are data, not a schema. Jackson's default
     * String.intern()s every new field name into a table that, at 100,000 distinct keys, overflows
     * and is rebuilt: 3.6x slower parsing (jmh/ Bench_05_JsonCost measured it).
     */
    private static final ObjectMapper MAPPER = new ObjectMapper(
            JsonFactory.builder().disable(JsonFactory.Feature.INTERN_FIELD_NAMES).build());

    private Documents() {}

    /** Parses a JSON object; anything else (empty, truncated, garbled, not an object) is a {@link CorruptDocumentException}. */
    public static ObjectNode parse(byte[] bytes) throws CorruptDocumentException {
        if (bytes.length == 0) {
            throw new CorruptDocumentException("empty file: a truncated document", null);
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw new CorruptDocumentException("not JSON (" + bytes.length + " bytes): "
                    + e.getMessage().lines().findFirst().orElse(""), e);
        }
        if (node instanceof ObjectNode object) {
            return object;
        }
        throw new CorruptDocumentException("not a JSON object: " + (node == null ? "nothing" : node.getNodeType()), null);
    }

    /** Reads and parses {@code file} through a descriptor of its own; a missing file is the empty document. */
    public static ObjectNode read(Path file) throws IOException {
        try {
            return parse(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            return MAPPER.createObjectNode();
        }
    }

    public static byte[] bytes(ObjectNode document) throws IOException {
        return MAPPER.writeValueAsBytes(document);
    }

    /** Creates {@code file} holding the empty document {@code {}}, as an application's installer would. */
    public static void create(Path file) throws IOException {
        Files.write(file, bytes(MAPPER.createObjectNode()), java.nio.file.StandardOpenOption.CREATE_NEW,
                java.nio.file.StandardOpenOption.WRITE);
    }
}
