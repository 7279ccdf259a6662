package clobber.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Bytes to document and back. An empty or missing file is the empty document. */
public final class Documents {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Documents() {}

    /** Parses a JSON object; anything else (truncated, garbled, not an object) is an {@link IOException}. */
    public static ObjectNode parse(byte[] bytes) throws IOException {
        if (bytes.length == 0) {
            return MAPPER.createObjectNode();
        }
        JsonNode node = MAPPER.readTree(bytes);
        if (node instanceof ObjectNode object) {
            return object;
        }
        throw new IOException("not a JSON object: " + (node == null ? "nothing" : node.getNodeType()));
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
}
