package clobber.driver.process;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The lines of a dead writer's stderr that say why: the error, not Node's version line nor a stack. */
class ErrorLinesTest {

    /** What Node 20 prints for an uncaught error, taken from a real node process. */
    @Test
    void nodesUncaughtErrorIsQuotedWithItsMessage() throws Exception {
        Process node = new ProcessBuilder("node", "-e", "const f = () => { throw new Error('the lock file is gone'); }; f();").start();
        String stderr = new String(node.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        node.waitFor();
        var lines = stderr.lines().toList();
        assertTrue(lines.getLast().startsWith("Node.js v"), stderr);
        assertFalse(String.join("\n", lines.subList(lines.size() - 3, lines.size())).contains("the lock file is gone"),
                "the last three lines would have quoted the error: " + stderr);
        String quoted = ErrorLines.of(stderr);
        assertTrue(quoted.contains("Error: the lock file is gone"), quoted);
        assertFalse(quoted.contains("    at "), quoted);
    }

    @Test
    void pythonsTracebackIsQuotedByItsLastLine() {
        String stderr = """
                Traceback (most recent call last):
                  File "/w/filelock_writer.py", line 30, in <module>
                    clobber_protocol.serve(update)
                  File "/w/filelock_writer.py", line 22, in update
                    data = json.load(f)
                json.decoder.JSONDecodeError: Expecting value: line 1 column 1 (char 0)
                """;
        assertEquals("Traceback (most recent call last): | json.decoder.JSONDecodeError: Expecting value: line 1 column 1 (char 0)",
                ErrorLines.of(stderr));
    }

    @Test
    void longStderrGivesItsFirstAndLastLinesBoundedInCountAndWidth() {
        String stderr = IntStream.range(0, 40).mapToObj(i -> "line " + i + " " + "x".repeat(i == 39 ? 500 : 0))
                .collect(Collectors.joining("\n"));
        String quoted = ErrorLines.of(stderr);
        String[] parts = quoted.split(" \\| ");
        assertEquals(ErrorLines.FIRST + ErrorLines.LAST + 1, parts.length, quoted);
        assertEquals("line 0 ", parts[0]);
        assertEquals("(35 lines left out)", parts[ErrorLines.FIRST]);
        assertEquals(ErrorLines.WIDTH, parts[parts.length - 1].length());
        assertTrue(parts[parts.length - 1].endsWith("..."));
    }

    @Test
    void onlyIndentedLinesAreStillQuoted() {
        assertEquals("at a | at b", ErrorLines.of("    at a\n    at b\n"));
        assertEquals("", ErrorLines.of("\n\n"));
    }
}
