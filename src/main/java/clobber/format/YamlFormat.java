package clobber.format;

import clobber.strategy.CorruptDocumentException;
import clobber.strategy.Documents;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.nio.charset.StandardCharsets;

/**
 * YAML, read by SnakeYAML through Jackson's YAML module: one document whose root is a mapping.
 * Refused: what SnakeYAML cannot parse (an unclosed flow collection, a bad indentation), a second
 * document in the stream (PyYAML's {@code safe_load} refuses it too), an empty file (no document:
 * a tool writes {@code {}} for an empty mapping, so zero bytes are a truncation), a root that is
 * not a mapping. YAML is forgiving where JSON is not: a file cut at the end of a line is a valid
 * document with fewer keys, which the judge sees as lost writes, not as corruption. Duplicate keys
 * are allowed (the last wins), as in SnakeYAML and PyYAML.
 */
final class YamlFormat implements DataFormat {
    private static final ObjectMapper MAPPER = YAMLMapper.builder(YAMLFactory.builder()
                    .disable(JsonFactory.Feature.INTERN_FIELD_NAMES).build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    @Override
    public String name() {
        return "yaml";
    }

    @Override
    public String reference() {
        return "SnakeYAML 2 through Jackson's YAML module (one document, a mapping; PyYAML's safe_load agrees)";
    }

    @Override
    public ObjectNode parse(byte[] bytes) throws CorruptDocumentException {
        return Trees.mapping(MAPPER, Documents.utf8(bytes), bytes.length, "YAML");
    }

    @Override
    public byte[] emptyDocument() {
        return "{}\n".getBytes(StandardCharsets.UTF_8);
    }
}
