package clobber.format;

import clobber.strategy.CorruptDocumentException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;

/** A document read by one of Jackson's text format modules: one mapping, or corrupt. */
final class Trees {
    private Trees() {}

    static ObjectNode mapping(ObjectMapper mapper, String text, int length, String format) throws CorruptDocumentException {
        JsonNode node;
        try {
            node = mapper.readTree(text);
        } catch (IOException e) {
            throw new CorruptDocumentException("not " + format + " (" + length + " bytes): "
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse(""), e);
        }
        if (node instanceof ObjectNode object) {
            return object;
        }
        throw new CorruptDocumentException("not a " + format + " mapping: "
                + (node == null || node.isMissingNode() ? "no document (" + length + " bytes)" : node.getNodeType()), null);
    }
}
