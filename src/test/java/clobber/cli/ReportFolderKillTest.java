package clobber.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A clobber killed with SIGKILL while writing its report leaves {@code reports/latest} on the
 * previous, complete report. The kill lands for real: the second clobber is held, by a test hook,
 * with half of its report's files written, and killed there.
 */
class ReportFolderKillTest {
    private static final List<String> FILES = List.of("results.json", "summary.md", "index.html", "junit.xml");

    @TempDir
    Path cwd;

    @Test
    void aKillMidReportLeavesLatestOnTheLastCompleteReport() throws Exception {
        String[] run = {"run", "--strategy", "lockfile+atomic-replace", "--writers", "4", "--writes", "5", "--report", "reports"};
        ClobberProcess first = ClobberProcess.run(cwd, run);
        assertEquals(0, first.exit(), first.err());
        Path reports = cwd.resolve("reports");
        Path complete = reports.resolve("latest").toRealPath();

        Process second = new ProcessBuilder(ClobberProcess.command(List.of("-Dclobber.report.pauseMillis=60000"), run))
                .directory(cwd.toFile()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Path staging = awaitHalfWrittenStaging(reports, second);
        second.destroyForcibly(); // SIGKILL on Linux
        assertTrue(second.waitFor(30, TimeUnit.SECONDS));
        assertEquals(137, second.exitValue(), "killed by SIGKILL");

        assertTrue(Files.isDirectory(staging), "the half-written report stayed where nothing reads it: " + staging);
        assertEquals(complete, reports.resolve("latest").toRealPath(), "latest still names the first report");
        for (String file : FILES) {
            assertTrue(Files.size(complete.resolve(file)) > 0, file);
        }
        try (Stream<Path> visible = Files.list(reports)) {
            assertEquals(List.of(complete.getFileName().toString(), "latest"), visible.map(p -> p.getFileName().toString())
                    .filter(name -> !name.startsWith(".")).sorted().toList(), "no half report under a visible name");
        }

        ClobberProcess third = ClobberProcess.run(cwd, run);
        assertEquals(0, third.exit(), third.err());
        assertTrue(Files.notExists(staging), "the next run removes what the killed one left: " + staging);
    }

    /** Waits until the second clobber has staged some, not all, of its files: the moment of the kill. */
    private static Path awaitHalfWrittenStaging(Path reports, Process clobber) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < deadline) {
            assertTrue(clobber.isAlive(), "clobber ended before it was killed");
            try (Stream<Path> entries = Files.list(reports)) {
                for (Path staging : entries.filter(p -> p.getFileName().toString().startsWith(".clobber-staging-")).toList()) {
                    try (Stream<Path> staged = Files.list(staging)) {
                        long count = staged.count();
                        if (count == FILES.size() / 2) {
                            assertFalse(Files.exists(staging.resolve("junit.xml")));
                            return staging;
                        }
                    }
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("clobber never staged half of its report");
    }
}
