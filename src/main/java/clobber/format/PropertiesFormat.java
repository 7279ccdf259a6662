package clobber.format;

import clobber.strategy.CorruptDocumentException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.javaprop.JavaPropsMapper;
import com.fasterxml.jackson.dataformat.javaprop.JavaPropsSchema;

import java.io.IOException;

/**
 * Java properties, read by Jackson's properties module, which parses with
 * {@code java.util.Properties.load}: the reference reader, which refuses only a malformed
 * {@code \\uXXXX} escape. Every other byte sequence is some set of properties, so a torn write is
 * seen as keys lost or mangled, not as corruption. Keys are flat: {@code a.b} is the key
 * {@code a.b}, not a nested {@code b} in {@code a}.
 */
final class PropertiesFormat implements DataFormat {
    private static final JavaPropsMapper MAPPER = new JavaPropsMapper();
    private static final JavaPropsSchema FLAT = JavaPropsSchema.emptySchema().withoutPathSeparator();

    @Override
    public String name() {
        return "properties";
    }

    @Override
    public String reference() {
        return "java.util.Properties.load, through Jackson's properties module (ISO-8859-1, \\uXXXX escapes)";
    }

    @Override
    public ObjectNode parse(byte[] bytes) throws CorruptDocumentException {
        try {
            return MAPPER.readerFor(ObjectNode.class).with(FLAT).readValue(bytes);
        } catch (IOException e) {
            throw new CorruptDocumentException("not Java properties (" + bytes.length + " bytes): "
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse(""), e);
        }
    }

    @Override
    public byte[] emptyDocument() {
        return new byte[0];
    }
}
