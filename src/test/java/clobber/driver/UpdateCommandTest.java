package clobber.driver;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** --update-cmd's placeholders become shell-quoted words, each filled in once; what the shell then runs is exactly the update. */
class UpdateCommandTest {

    @Test
    void placeholdersBecomeQuotedWords() {
        UpdateCommand command = new UpdateCommand("git config --file {file} s.{key} {value} # {writer} {seq}");
        assertEquals("git config --file '/tmp/it'\\''s {key}/data.json' s.'w3-7' '7' # '3' '7'",
                command.line("/tmp/it's {key}/data.json", 3, 7));
    }

    /** The shell reads each placeholder back as the value itself, quotes, spaces and braces included. */
    @Test
    void theShellSeesTheValues() throws Exception {
        String line = new UpdateCommand("printf '%s|' {file} s.{key} {value} '. + {a: 1}'").line("/tmp/a b'c/{seq}", 2, 5);
        Process sh = new ProcessBuilder("/bin/sh", "-c", line).start();
        String out = new String(sh.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        sh.waitFor();
        assertEquals(List.of("/tmp/a b'c/{seq}", "s.w2-5", "5", ". + {a: 1}"), List.of(out.split("\\|")));
    }

    @Test
    void aCommandThatCannotAddItsKeyIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new UpdateCommand("touch {file}"));
        assertThrows(IllegalArgumentException.class, () -> new UpdateCommand("  "));
    }
}
