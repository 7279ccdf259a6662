package clobber.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A Node writer that throws is quoted by its error, not by the end of its stderr: Node ends an
 * uncaught error's report with a blank line and "Node.js v20...", so the last three lines left
 * the error out.
 */
class NodeWriterErrorTest {
    private static final String THROWS_AFTER_GO =
            "node -e \"console.log('ready'); process.stdin.once('data', () => { throw new Error('the lock file is gone'); })\"";
    private static final String THROWS_AT_START = "node -e \"throw new TypeError('cannot read the config: the lock file is gone')\"";

    @TempDir
    Path sandbox;

    @Test
    void aWriterThatDiesMidRunIsQuotedByItsErrorInTheRunsNotes() throws Exception {
        Path json = sandbox.resolve("result.json");
        ClobberProcess p = ClobberProcess.run(sandbox, "run", "--strategy", "lockfile+atomic-replace", "--driver", "processes",
                "--writers", "1", "--writes", "5", "--writer-cmd", THROWS_AFTER_GO, "--json", json.toString());
        assertEquals(1, p.exit(), p.out() + p.err()); // its updates were given up: ERRORS, where the claim expects SAFE
        JsonNode run = new ObjectMapper().readTree(Files.readString(json)).get("runs").get(0);
        assertEquals("ERRORS", run.get("judgement").get("verdict").asText());
        String note = run.at("/observed/notes/0").asText();
        assertTrue(note.contains("Error: the lock file is gone"), note);
        assertTrue(note.contains("before it printed 'done'"), note);
    }

    @Test
    void aWriterThatDiesBeforeItIsReadyIsQuotedByItsErrorInOneLine() throws Exception {
        ClobberProcess p = ClobberProcess.run(sandbox, "run", "--strategy", "lockfile+atomic-replace", "--driver", "processes",
                "--writers", "1", "--writes", "5", "--writer-cmd", THROWS_AT_START);
        assertEquals(2, p.exit(), p.err());
        assertEquals(1, p.err().lines().count(), p.err());
        assertTrue(p.err().contains("TypeError: cannot read the config: the lock file is gone"), p.err());
    }
}
