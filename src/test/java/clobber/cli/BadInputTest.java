package clobber.cli;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad input gets one clear line on stderr and exit code 2: no stack trace, no table, and no file
 * written anywhere (the working directory stays empty, a named --dir is not created).
 */
class BadInputTest {

    @TempDir
    Path sandbox;

    @ParameterizedTest
    @ValueSource(strings = {
            "run --strategy no-lock --writers 0",
            "run --strategy no-such-strategy",
            "run --strategy java.lang.String",
            "run --strategy no-lock --writers 3x",
            "run --strategy no-lock --writes -5",
            "run --strategy lockfile+atomic-replace --driver crash --crash-rate NaN",
            "run --strategy lockfile+atomic-replace --driver crash --crash-rate Infinity",
            "run --strategy lockfile+atomic-replace --driver crash --crash-rate 1e-12",
            "run --strategy flock+seek/truncate --driver crash --crash-at ftruncate:x",
            "run --strategy flock+seek/truncate --driver crash --crash-at fsck:1",
            "run --strategy flock+seek/truncate --driver crash --crash-at ftruncate:1",
            "run --strategy lockfile+atomic-replace --writers 100 --writes 200000",
            "run --strategy no-lock --driver bicycles",
            "run --strategy no-lock --workload nope",
            "run --strategy no-lock --lock posix",
            "run --strategy lockfile+atomic-replace --lock nfs",
            "run --strategy no-lock --pause after-lunch:10",
            "run --strategy no-lock --pause after-read:soon",
            "run --strategy no-lock --dir /proc/clobber-cannot-create",
            "run --strategy no-lock --dir /etc/hostname/x",
            "matrix --strategies no-lock,nope",
            "run --strategy no-lock --driver hosts --shared-fs nfs",
            "run --strategy no-lock --driver hosts --shared-fs cephfs --shared-dirs /tmp,/tmp",
            "run --strategy no-lock --report /etc/hostname",
            "run --strategy no-lock --report /proc/clobber-cannot-create",
            "run --strategy no-lock --classpath /no/such/plugin.jar",
            "gate --strategy com.example.Missing",
            "gate --strategy clobber.cli.BadPlugIns$NullName",
            "gate --strategy clobber.cli.BadPlugIns$EscapeInName",
            "gate --strategy clobber.cli.BadPlugIns$BlankLesson",
            "gate --strategy clobber.cli.BadPlugIns$NullClaim",
            "gate --strategy lockfile+atomic-replace --drivers threads,bicycles",
            "gate",
            "run",
            "frobnicate",
    })
    void oneLineExitTwoNothingWritten(String arguments) throws Exception {
        Path cwd = Files.createDirectory(sandbox.resolve("cwd"));
        ClobberProcess p = ClobberProcess.run(cwd, (arguments + " --json out.json --dir " + "fresh").split(" "));
        assertEquals(2, p.exit(), p.err());
        assertEquals(1, p.err().lines().count(), "exactly one line: " + p.err());
        assertTrue(p.err().startsWith("clobber: "), p.err());
        assertFalse(p.err().contains("Exception") || p.err().contains("\tat "), p.err());
        assertFalse(p.err().contains("\u001b"), "no escape sequence reaches the terminal: " + p.err());
        assertEquals("", p.out());
        try (Stream<Path> written = Files.list(cwd)) {
            assertEquals(0, written.count(), "bad input wrote files");
        }
    }

    /** An Error inside clobber itself (here a real OutOfMemoryError in a small heap) is exit 3 and one line, never 1. */
    @org.junit.jupiter.api.Test
    void anErrorInClobberItselfIsExitThreeInOneLine() throws Exception {
        Path cwd = Files.createDirectory(sandbox.resolve("cwd"));
        Process p = new ProcessBuilder(ClobberProcess.command(java.util.List.of("-Xmx48m"),
                "run", "--strategy", "lockfile+atomic-replace", "--writers", "2", "--writes", "5000000", "--report", "reports"))
                .directory(cwd.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String err = new String(p.getErrorStream().readAllBytes());
        assertTrue(p.waitFor(2, java.util.concurrent.TimeUnit.MINUTES));
        assertEquals(3, p.exitValue(), err);
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.startsWith("clobber: failed: java.lang.OutOfMemoryError"), err);
    }

    @ParameterizedTest
    @ValueSource(strings = {"run --strategy no-lock --dir", "run --strategy no-lock --json"})
    void aDirectoryThatIsNotEmptyOrAJsonPathThatIsADirectoryIsRefusedUntouched(String arguments) throws Exception {
        Path cwd = Files.createDirectory(sandbox.resolve("cwd"));
        Path occupied = Files.createDirectory(cwd.resolve("occupied"));
        Path precious = Files.writeString(occupied.resolve("precious.txt"), "keep me");
        ClobberProcess p = ClobberProcess.run(cwd, (arguments + " occupied").split(" "));
        assertEquals(2, p.exit(), p.err());
        assertEquals(1, p.err().lines().count(), p.err());
        assertEquals("keep me", Files.readString(precious));
        try (Stream<Path> entries = Files.list(occupied)) {
            assertEquals(1, entries.count());
        }
    }
}
