package clobber.format;

import clobber.strategy.CorruptDocumentException;
import clobber.strategy.Documents;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;

/**
 * TOML 1.0, read by Jackson's TOML module, which follows the specification strictly: a key
 * defined twice, a value cut off ({@code b = } at the end), an unclosed string are refused, as
 * Python's {@code tomllib} refuses them. An empty file is the empty table, as the specification
 * says: a file truncated to zero bytes is seen as lost writes, not corruption.
 */
final class TomlFormat implements DataFormat {
    private static final ObjectMapper MAPPER = new TomlMapper();

    @Override
    public String name() {
        return "toml";
    }

    @Override
    public String reference() {
        return "Jackson's TOML module (TOML 1.0.0, as Python's tomllib)";
    }

    @Override
    public ObjectNode parse(byte[] bytes) throws CorruptDocumentException {
        return Trees.mapping(MAPPER, Documents.utf8(bytes), bytes.length, "TOML");
    }

    @Override
    public byte[] emptyDocument() {
        return new byte[0];
    }
}
