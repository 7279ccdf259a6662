package dev.clobber.atomicjson;

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
import java.nio.file.Path;

/**
 * Bytes to document and back, as strict as the strictest reader the file may have: whatever
 * Python's {@code json.loads} refuses is refused here too. Above all, one JSON value followed by
 * anything but whitespace is not a document: an in-place writer that wrote a short document over
 * a longer one left the old one's tail behind, and a parser that stops after the first value would
 * call that file healthy, and the next commit would make the damage permanent. The bytes must be
 * valid UTF-8 (RFC 8259, section 8.1) with no byte order mark: Jackson's own decoder lets overlong
 * and truncated sequences through, a strict one does not. An empty file is corrupt too: a JSON
 * document is never zero bytes long, so it is one that was truncated and never written again.
 */
final class StrictJson {
    /** Without field-name interning: a document's keys are data, and interning each new one fills a JVM-wide table. */
    private static final ObjectMapper MAPPER = JsonMapper.builder(
                    JsonFactory.builder().disable(JsonFactory.Feature.INTERN_FIELD_NAMES).build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private StrictJson() {}

    static ObjectNode empty() {
        return MAPPER.createObjectNode();
    }

    /** The JSON object in {@code bytes}, read from {@code file}; anything else is a {@link CorruptJsonFileException}. */
    static ObjectNode parse(Path file, byte[] bytes) throws CorruptJsonFileException {
        if (bytes.length == 0) {
            throw new CorruptJsonFileException(file, "empty: a truncated document", null);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new CorruptJsonFileException(file, "not UTF-8 (" + bytes.length + " bytes): " + e.getMessage(), e);
        }
        if (text.startsWith("\uFEFF")) {
            throw new CorruptJsonFileException(file, "starts with a byte order mark, which JSON text must not have", null);
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(text);
        } catch (IOException e) {
            throw new CorruptJsonFileException(file, "not JSON (" + bytes.length + " bytes): "
                    + e.getMessage().lines().findFirst().orElse(""), e);
        }
        if (node instanceof ObjectNode object) {
            return object;
        }
        throw new CorruptJsonFileException(file, "not a JSON object but " + (node == null ? "nothing" : node.getNodeType()), null);
    }

    static byte[] bytes(ObjectNode document) throws IOException {
        return MAPPER.writeValueAsBytes(document);
    }
}
