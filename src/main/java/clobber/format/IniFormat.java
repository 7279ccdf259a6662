package clobber.format;

import clobber.strategy.CorruptDocumentException;
import clobber.strategy.Documents;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.commons.configuration2.INIConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.commons.configuration2.tree.ImmutableNode;

import java.io.IOException;
import java.io.StringReader;
import java.util.Set;

/**
 * INI files, as crudini and {@code git config --file} write them, read by Apache Commons
 * Configuration's {@link INIConfiguration}, the reference reader: sections in brackets,
 * {@code name = value} lines, {@code ;} and {@code #} comments, leading whitespace ignored. It
 * refuses almost nothing (a line it cannot read becomes a key with no value), so a torn write is
 * seen as keys lost, not as corruption; the bytes must still be UTF-8.
 *
 * <p>The keys workload's keys live in one section, {@value #SECTION}: the entry {@code w0-1} of
 * section {@code [s]} (git config's {@code s.w0-1}; crudini's {@code --set FILE s w0-1}) is the
 * document's field {@code w0-1}. {@link #field} is the whole mapping.
 */
final class IniFormat implements DataFormat {
    /** The section that holds the workload's keys. */
    static final String SECTION = "s";

    @Override
    public String name() {
        return "ini";
    }

    @Override
    public String reference() {
        return "Apache Commons Configuration's INIConfiguration (the workload's keys in section [" + SECTION + "])";
    }

    /**
     * The document's field for entry {@code name} of {@code section} (null: before any section):
     * the workload's section holds the workload's keys as they are; any other entry keeps its
     * section as a prefix, {@code section.name} (or {@code .name} outside every section), so that
     * it can never stand in for a workload key, which has no dot.
     */
    static String field(String section, String name) {
        if (SECTION.equals(section)) {
            return name;
        }
        return (section == null ? "" : section) + "." + name;
    }

    @Override
    public ObjectNode parse(byte[] bytes) throws CorruptDocumentException {
        INIConfiguration ini = new INIConfiguration();
        try {
            ini.read(new StringReader(Documents.utf8(bytes)));
        } catch (ConfigurationException | IOException e) {
            throw new CorruptDocumentException("not INI (" + bytes.length + " bytes): "
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse(""), e);
        }
        Set<String> sections = ini.getSections();
        ObjectNode document = JsonNodeFactory.instance.objectNode();
        for (ImmutableNode node : ini.getNodeModel().getNodeHandler().getRootNode().getChildren()) {
            if (!node.getChildren().isEmpty() || (sections.contains(node.getNodeName()) && node.getValue() == null)) {
                for (ImmutableNode entry : node.getChildren()) {
                    document.put(field(node.getNodeName(), entry.getNodeName()), String.valueOf(entry.getValue()));
                }
            } else {
                document.put(field(null, node.getNodeName()), String.valueOf(node.getValue()));
            }
        }
        return document;
    }

    @Override
    public byte[] emptyDocument() {
        return new byte[0];
    }
}
