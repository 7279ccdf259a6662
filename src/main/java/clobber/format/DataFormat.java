package clobber.format;

import clobber.os.Named;
import clobber.strategy.CorruptDocumentException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * How the data file is kept on disk: the format its writers write, and the one place where the
 * judge, the unlocked readers and the power-loss states read it back (through the workload that
 * keeps it, {@code Workload.format()}). Each format reads the file into the same typed document,
 * an {@link ObjectNode} whose top-level field names the workload counts, and is as strict as its
 * reference reader ({@link #reference}): bytes that reader refuses are a {@link CorruptDocumentException},
 * judged CORRUPT. JSON is clobber's own and the default; the others are for tools and libraries
 * that keep their state in YAML, TOML, Java properties or INI files.
 */
public sealed interface DataFormat permits JsonFormat, YamlFormat, TomlFormat, PropertiesFormat, IniFormat {

    /** The format of every clobber strategy, and the default. */
    DataFormat JSON = new JsonFormat();

    /** The name on the command line: json, yaml, toml, properties, ini. */
    String name();

    /** The reader that decides what is a document of this format, and what it refuses. */
    String reference();

    /** Parses a whole document; anything the reference reader refuses, or that is not a mapping, is a {@link CorruptDocumentException}. */
    ObjectNode parse(byte[] bytes) throws CorruptDocumentException;

    /** The bytes of the document with no keys, as a tool of this format writes it. */
    byte[] emptyDocument();

    /** Reads and parses {@code file}; a missing file is the empty document (nothing was ever written). */
    default ObjectNode read(Path file) throws IOException {
        try {
            return parse(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            return JsonNodeFactory.instance.objectNode();
        }
    }

    /** Creates {@code file} holding the empty document, as an application's installer would. */
    default void create(Path file) throws IOException {
        Files.write(file, emptyDocument(), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    }

    static List<DataFormat> all() {
        return List.of(JSON, new YamlFormat(), new TomlFormat(), new PropertiesFormat(), new IniFormat());
    }

    static DataFormat named(String name) {
        return Named.find("format", name, all(), DataFormat::name);
    }
}
