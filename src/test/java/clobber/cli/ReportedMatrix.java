package clobber.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * One real matrix run, shared by the report tests: four strategies under threads, one of them
 * {@link MisclaimedNoLock}, which claims to survive threads and takes no lock. Small (8 writers x
 * 20 writes) but with a pause after the read, so the broken strategies lose writes every time.
 * Run once per test JVM; its report folder is kept under target/.
 */
final class ReportedMatrix {
    // lockfile+replace-no-dirfsync: the longest shipped name, which the matrix must fit beside its row.
    static final String[] STRATEGIES = {"no-lock", "lockfile+atomic-replace", "lockfile+replace-no-dirfsync", MisclaimedNoLock.class.getName()};
    private static Path reports;
    private static ClobberProcess process;

    private ReportedMatrix() {}

    /** The reports folder of the run (its {@code latest} is the report). */
    static synchronized Path reports() throws IOException, InterruptedException {
        if (reports == null) {
            Path cwd = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "reported-matrix-");
            process = ClobberProcess.run(cwd, "matrix", "--strategies", String.join(",", STRATEGIES),
                    "--drivers", "threads", "--writers", "8", "--writes", "20", "--pause", "after-read:300",
                    "--report", "reports");
            assertEquals(1, process.exit(), "the misclaimed strategy breaks its claim: " + process.out() + process.err());
            reports = cwd.resolve("reports");
        }
        return reports;
    }

    static ClobberProcess process() throws IOException, InterruptedException {
        reports();
        return process;
    }
}
