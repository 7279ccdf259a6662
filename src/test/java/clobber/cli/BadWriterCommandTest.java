package clobber.cli;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A wrong --writer-cmd is the user's input: one line naming the writer and its stderr, exit 2, no process left. */
class BadWriterCommandTest {

    @TempDir
    Path sandbox;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "no-such-writer-program {file}   | exited with code 127; its stderr: ...no-such-writer-program",
            "sh -c 'echo oops >&2; exit 1'   | exited with code 1; its stderr: oops",
            "echo garbage                    | printed 'garbage': not in the protocol",
    })
    void oneLineNamingTheWriterAndItsStderr(String command, String expected) throws Exception {
        Path cwd = Files.createDirectory(sandbox.resolve("cwd"));
        ClobberProcess p = ClobberProcess.run(cwd, "run", "--strategy", "lockfile+atomic-replace", "--driver", "processes",
                "--writers", "1", "--writes", "5", "--writer-cmd", command.trim());
        assertEquals(2, p.exit(), p.err());
        assertEquals(1, p.err().lines().count(), p.err());
        assertTrue(p.err().startsWith("clobber: --writer-cmd: external writer"), p.err());
        // "..." stands for what differs from shell to shell ("/bin/sh: 1: " in dash, "sh: line 1: " in bash).
        int at = 0;
        for (String part : expected.trim().split("\\.\\.\\.")) {
            at = p.err().indexOf(part, at);
            assertTrue(at >= 0, "'" + part + "' in order in: " + p.err());
        }
        assertFalse(p.err().contains("\tat "), p.err());
        p.assertNoSurvivor("a writer outlived clobber");
    }
}
