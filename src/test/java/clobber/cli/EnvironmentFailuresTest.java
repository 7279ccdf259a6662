package clobber.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A run whose conditions clobber could not keep is INCONCLUSIVE, names the cause, and exits 3: it
 * is never blamed on the strategy (exit 1, "BROKEN (expected SAFE)"). Each failure is made for
 * real: a scratch file system that fills up mid-run (a small tmpfs in a mount namespace of its
 * own, gone with the run), a worker JVM SIGKILLed from outside as the OOM killer would, a crash
 * rate no machine can replace writers at.
 */
class EnvironmentFailuresTest {

    @TempDir
    Path sandbox;

    private static void inconclusive(ClobberProcess p, String cause) {
        assertEquals(3, p.exit(), p.out() + p.err());
        assertTrue(p.out().matches("(?s).*INCONCLUSIVE +untested\\n.*"), p.out());
        assertTrue(p.out().contains("inconclusive, not the strategy's doing: "), "the FAILS line names the cause: " + p.out());
        assertTrue(p.out().contains(cause), "'" + cause + "' in: " + p.out());
        assertFalse(p.out().contains("BROKEN"), p.out());
        List<String> said = p.err().lines().filter(l -> l.startsWith("clobber: ")).toList();
        assertEquals(1, said.size(), p.err());
        assertTrue(said.getFirst().startsWith("clobber: inconclusive: 1 of 1 cell could not be run as asked; ") && said.getFirst().contains(cause), p.err());
        assertFalse(p.err().contains("\tat "), p.err());
    }

    /**
     * 256 KiB of tmpfs, 212 of them taken by a file beside the scratch directory: the document of
     * 4 x 500 keys and its replacement outgrow the rest halfway through, every time.
     */
    @Test
    void aScratchFileSystemThatFillsUpIsTheEnvironmentNotTheStrategy() throws Exception {
        Path cwd = Files.createDirectory(sandbox.resolve("full"));
        Path mount = Files.createDirectory(cwd.resolve("small"));
        List<String> command = new ArrayList<>(List.of("unshare", "-m", "--propagation", "private", "sh", "-c",
                "mount -t tmpfs -o size=256k clobber-enospc \"$0\" && head -c 217088 /dev/zero > \"$0/filler\" && exec \"$@\"",
                mount.toString()));
        command.addAll(ClobberProcess.command(List.of(), "run", "--strategy", "lockfile+atomic-replace", "--writers", "4",
                "--writes", "500", "--dir", mount.resolve("scratch").toString(), "--report", "reports"));
        Process p = new ProcessBuilder(command).directory(cwd.toFile())
                .redirectOutput(cwd.resolveSibling("full.out").toFile()).redirectError(cwd.resolveSibling("full.err").toFile()).start();
        assertTrue(p.waitFor(3, TimeUnit.MINUTES));
        ClobberProcess result = new ClobberProcess(p.exitValue(), Files.readString(cwd.resolveSibling("full.out")),
                Files.readString(cwd.resolveSibling("full.err")), java.util.Set.of());
        inconclusive(result, "the run's file system ran out of space (ENOSPC or EDQUOT): ");
        assertTrue(result.out().contains("No space left on device"), result.out());
        try (Stream<Path> left = Files.list(mount)) {
            assertEquals(0, left.count(), "the tmpfs went with its mount namespace, and nothing was written under it here");
        }
        assertFalse(Files.readString(Path.of("/proc/self/mounts")).contains("clobber-enospc"));
    }

    /** A worker killed with SIGKILL by someone else once the run has acknowledged updates. */
    @Test
    void aWorkerKilledFromOutsideIsTheEnvironmentNotTheStrategy() throws Exception {
        Path cwd = Files.createDirectory(sandbox.resolve("killed"));
        Path scratch = cwd.resolve("scratch");
        Process clobber = new ProcessBuilder(ClobberProcess.command(List.of(), "run", "--strategy", "lockfile+atomic-replace",
                "--driver", "processes", "--writers", "2", "--writes", "30", "--pause", "after-lock:100000", "--dir", scratch.toString(),
                "--report", "reports")).directory(cwd.toFile())
                .redirectOutput(cwd.resolveSibling("killed.out").toFile()).redirectError(cwd.resolveSibling("killed.err").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (keys(scratch) < 2 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        ProcessHandle worker = clobber.descendants().filter(d -> d.info().commandLine().orElse("").contains("clobber.driver.process.Worker"))
                .findFirst().orElseThrow(() -> new AssertionError("no worker to kill"));
        assertEquals(0, new ProcessBuilder("kill", "-KILL", Long.toString(worker.pid())).start().waitFor());
        assertTrue(clobber.waitFor(3, TimeUnit.MINUTES));
        inconclusive(new ClobberProcess(clobber.exitValue(), Files.readString(cwd.resolveSibling("killed.out")),
                Files.readString(cwd.resolveSibling("killed.err")), java.util.Set.of()), "was killed by SIGKILL, which clobber did not send");
    }

    /** 400 updates, and every writer killed the moment it runs: no machine replaces a JVM 400 times in 5 s, so the timeout stops it. */
    @Test
    void aCrashRateFasterThanWritersCanBeReplacedIsTheEnvironmentNotTheStrategy() throws Exception {
        Path cwd = Files.createDirectory(sandbox.resolve("rate"));
        ClobberProcess p = ClobberProcess.run(cwd, "run", "--strategy", "lockfile+atomic-replace", "--driver", "crash",
                "--crash-rate", "1000", "--writers", "2", "--writes", "200", "--timeout", "5", "--report", "reports");
        inconclusive(p, "--crash-rate 1000.0 called for ");
        assertTrue(p.out().contains("writers were killed faster than they could be replaced"), p.out());
        p.assertNoSurvivor("a worker outlived clobber");
    }

    /** Keys in the first run's data file so far; 0 while there is none or it is being replaced. */
    private static long keys(Path scratch) {
        try (Stream<Path> runs = Files.list(scratch)) {
            Path data = runs.filter(r -> r.getFileName().toString().startsWith("001-")).findFirst().orElseThrow().resolve("data.json");
            return clobber.strategy.Documents.parse(Files.readAllBytes(data)).size();
        } catch (Exception notYet) {
            return 0;
        }
    }
}
