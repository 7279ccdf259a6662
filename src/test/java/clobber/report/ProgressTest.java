package clobber.report;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Progress shows nothing in the first second; then a bar redrawn in place on a terminal, plain lines elsewhere. */
class ProgressTest {
    private final AtomicLong clock = new AtomicLong();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    @Test
    void aTerminalGetsABarRedrawnInPlaceAfterTheFirstSecond() {
        Progress progress = new Progress(err, true, 1000, clock::get);
        progress.updates().add(250);
        clock.set(500_000_000L);
        progress.tick();
        assertEquals("", output(), "quiet in the first second");
        clock.set(2_000_000_000L);
        progress.tick();
        assertEquals("\r[########......................] 250/1,000 updates  25%  lost 0  ETA 6s\u001b[K", output());
        progress.close();
        assertTrue(output().endsWith("\r\u001b[K"), "closing clears the bar: " + output());
    }

    @Test
    void aLogGetsPlainLinesWithLostSoFarAndTheTimeLeft() {
        Progress progress = new Progress(err, false, 4000, clock::get);
        progress.updates().add(1000);
        clock.set(10_000_000_000L);
        progress.tick();
        assertEquals("progress: 1,000/4,000 updates  25%  lost 0  ETA 30s" + System.lineSeparator(), output());
        assertEquals("[##############################] 4,000/4,000 updates 100%  lost 12  ETA 0s",
                new Progress(err, true, 4000, clock::get).status(4000, 12, 10_000_000_000L));
    }

    private String output() {
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
