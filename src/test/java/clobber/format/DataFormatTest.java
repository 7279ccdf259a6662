package clobber.format;

import clobber.strategy.CorruptDocumentException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each format reads what its tools write into the document the keys workload counts, and refuses
 * what its reference reader refuses: the judge's CORRUPT. The samples are what the tools wrote on
 * this machine (git config 2.39, crudini 0.9.4) or what a torn write leaves.
 */
class DataFormatTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "json       | {\"w0-0\":0,\"w1-0\":0}",
            "yaml       | w0-0: 0\\nw1-0: 0\\n",
            "yaml       | {\"w0-0\": 0, \"w1-0\": 0}",
            "toml       | w0-0 = 0\\nw1-0 = 0\\n",
            "properties | w0-0=0\\nw1-0=0\\n",
            "ini        | [s]\\n\\tw0-0 = 0\\n\\tw1-0 = 0\\n",
            "ini        | [s]\\nw0-0 = 0\\nw1-0 = 0\\n",
    })
    void readsWhatItsToolsWriteAsTheWorkloadsKeys(String format, String text) throws Exception {
        var document = DataFormat.named(format).parse(utf8(text.replace("\\n", "\n").replace("\\t", "\t")));
        assertEquals(List.of("w0-0", "w1-0"), iterable(document.fieldNames()));
    }

    @ParameterizedTest(name = "{0} refuses {1}")
    @CsvSource(delimiter = '|', value = {
            "json       | {\"w0-0\":0}0",
            "json       | ''",
            "yaml       | ''",
            "yaml       | w0-0: 0\\n---\\nw1-0: 0\\n",
            "yaml       | w0-0: [1,\\n",
            "yaml       | - w0-0\\n",
            "toml       | w0-0 = 0\\nw0-0 = 1\\n",
            "toml       | w0-0 = 0\\nw1-0 = ",
            "properties | w0-0=\\\\u12",
    })
    void refusesWhatItsReferenceReaderRefuses(String format, String text) {
        assertThrows(CorruptDocumentException.class,
                () -> DataFormat.named(format).parse(utf8(text.replace("\\n", "\n").replace("\\\\", "\\"))));
    }

    @Test
    void textFormatsRefuseBytesThatAreNotUtf8() {
        byte[] cut = {'[', 's', ']', '\n', 'k', '=', (byte) 0xE2, (byte) 0x82};
        for (String format : List.of("yaml", "toml", "ini")) {
            assertThrows(CorruptDocumentException.class, () -> DataFormat.named(format).parse(cut), format);
        }
    }

    /** Only section [s] holds the workload's keys; every other entry keeps a prefix with a dot, which no workload key has. */
    @Test
    void iniEntriesOutsideTheWorkloadsSectionCannotStandInForItsKeys() throws Exception {
        var document = DataFormat.named("ini").parse(utf8("w0-9 = 9\n[s]\nw0-0 = 0\n[t]\nw0-1 = 1\n"));
        assertEquals(List.of(".w0-9", "w0-0", "t.w0-1"), iterable(document.fieldNames()));
        assertEquals("w0-0", IniFormat.field("s", "w0-0"));
    }

    /** The empty document a run starts from reads back as no keys, and a missing file as the same. */
    @Test
    void theEmptyDocumentAndAMissingFileHoldNoKeys(@TempDir Path dir) throws Exception {
        for (DataFormat format : DataFormat.all()) {
            Path file = dir.resolve("data." + format.name());
            assertTrue(format.read(file).isEmpty(), format.name());
            format.create(file);
            assertTrue(format.read(file).isEmpty(), format.name());
            assertFalse(format.reference().isBlank());
        }
    }

    private static List<String> iterable(java.util.Iterator<String> names) {
        List<String> list = new java.util.ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }
}
