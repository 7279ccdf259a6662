package clobber.format;

import clobber.strategy.CorruptDocumentException;
import clobber.strategy.Documents;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;

/** JSON, as clobber's strategies write it and {@link Documents} reads it: whatever Python's {@code json.loads} refuses is corrupt. */
final class JsonFormat implements DataFormat {

    @Override
    public String name() {
        return "json";
    }

    @Override
    public String reference() {
        return "Python's json.loads (RFC 8259, UTF-8, one value, nothing after it)";
    }

    @Override
    public ObjectNode parse(byte[] bytes) throws CorruptDocumentException {
        return Documents.parse(bytes);
    }

    @Override
    public byte[] emptyDocument() {
        try {
            return Documents.bytes(JsonNodeFactory.instance.objectNode());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
