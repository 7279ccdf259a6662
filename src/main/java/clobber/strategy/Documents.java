package clobber.strategy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Bytes to document and back, and the one place where clobber decides whether bytes are a
 * document: the checker, the readers and the strategies all parse here. A missing file is the
 * empty document (nothing was ever written); an empty file is not: a JSON document is never zero
 * bytes long, so an empty file is one that was truncated and not written again, and reading it is
 * an error, as {@code json.load} says too.
 *
 * <p>Parsing is strict, as strict as the strictest reader the file may have: anything Python's
 * {@code json.loads} refuses is refused here too. Above all, one JSON value followed by anything
 * but whitespace is garbage, not a document: an in-place writer that writes {@code {"w0-1":1}}
 * over a longer document leaves the tail of the old one behind it, and a lenient parser that
 * stops after the first value would call that file healthy. The bytes must also be valid UTF-8
 * (RFC 8259, section 8.1) with no byte order mark. Size is no reason to refuse a document: the
 * limits are Python's, not Jackson's defaults ({@link PythonLimits}).
 */
public final class Documents {
    /**
     * Without field-name interning: a document's keys are data, not a schema. Jackson's default
     * String.intern()s every new field name into a table that, at 100,000 distinct keys, overflows
     * and is rebuilt: 3.6x slower parsing (jmh/ Bench_05_JsonCost measured it).
     */
    private static final ObjectMapper MAPPER = JsonMapper.builder(
                    JsonFactory.builder().disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
                            .streamReadConstraints(PythonLimits.CONSTRAINTS).build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .nodeFactory(PythonLimits.NODES)
            .build();

    private Documents() {}

    /** Parses a JSON object; anything else (empty, truncated, garbled, not an object) is a {@link CorruptDocumentException}. */
    public static ObjectNode parse(byte[] bytes) throws CorruptDocumentException {
        if (bytes.length == 0) {
            throw new CorruptDocumentException("empty file: a truncated document", null);
        }
        String text = utf8(bytes);
        if (text.startsWith("\uFEFF")) {
            throw new CorruptDocumentException("starts with a byte order mark, which JSON text must not have", null);
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(text);
        } catch (PythonLimits.TooManyDigits e) {
            throw new CorruptDocumentException("not JSON as Python reads it (" + bytes.length + " bytes): " + e.getMessage(), e);
        } catch (IOException e) {
            throw new CorruptDocumentException("not JSON (" + bytes.length + " bytes): "
                    + e.getMessage().lines().findFirst().orElse(""), e);
        }
        if (node instanceof ObjectNode object) {
            return object;
        }
        throw new CorruptDocumentException("not a JSON object: " + (node == null ? "nothing" : node.getNodeType()), null);
    }

    /**
     * {@code bytes} as UTF-8 text, strictly: Jackson's own UTF-8 reader lets overlong and
     * truncated sequences through; a strict decoder does not. A document cut inside a character
     * is not text.
     */
    public static String utf8(byte[] bytes) throws CorruptDocumentException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new CorruptDocumentException("not UTF-8 (" + bytes.length + " bytes): " + e.getMessage(), e);
        }
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
