package clobber.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No worker process outlives a run: not when clobber is interrupted (SIGINT, as Ctrl-C sends),
 * and not when workers hang past the timeout. Every worker clobber ever started is collected
 * while it runs, by ProcessHandle, and checked afterwards.
 */
class NoWorkerOutlivesTest {

    @TempDir
    Path sandbox;

    @Test
    void sigintTakesTheWorkersDownWithClobber() throws Exception {
        for (int i = 0; i < 5; i++) {
            Path cwd = Files.createDirectory(sandbox.resolve("int-" + i));
            ClobberProcess p = ClobberProcess.run(cwd, 2, clobber -> {
                try {
                    new ProcessBuilder("kill", "-INT", Long.toString(clobber.pid())).start().waitFor();
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }, "run", "--strategy", "lockfile+atomic-replace", "--driver", "processes", "--writers", "2", "--writes", "100000");
            assertTrue(p.children().size() >= 2, "run " + i + " saw " + p.children().size() + " workers");
            p.assertNoSurvivor("run " + i + ": a worker outlived clobber");
        }
    }

    @Test
    void hungWorkersAreDumpedKilledAndReportedStalled() throws Exception {
        Path cwd = Files.createDirectory(sandbox.resolve("hang"));
        // Every writer sleeps 10 s holding the lock; the run may take 1 s. 5 runs, 2 workers each.
        ClobberProcess p = ClobberProcess.run(cwd, "run", "--strategy", "lockfile+atomic-replace", "--driver", "processes",
                "--writers", "2", "--writes", "3", "--pause", "after-lock:10000000", "--timeout", "1", "--runs", "5");
        assertEquals(1, p.exit(), "a stalled safe strategy breaks its claim");
        assertTrue(p.out().contains("STALLED in 5/5"), p.out());
        assertTrue(p.out().contains("hung; thread dump: \"writer-"), p.out());
        assertTrue(p.children().size() >= 10, "each stalled run's workers are replaced: saw " + p.children().size());
        p.assertNoSurvivor("a hung worker outlived clobber");
    }

    private static final String PYTHON = "python3 " + Path.of("src/main/writers/python/atomic_json_update.py").toAbsolutePath()
            + " {file} {writer} {count}";

    /** A writer that starts a child of its own and then works normally: the child goes when the run ends. */
    @Test
    void anExternalWritersOwnChildrenEndWithTheRun() throws Exception {
        Path cwd = Files.createDirectory(sandbox.resolve("children"));
        ClobberProcess p = ClobberProcess.run(cwd, "run", "--strategy", "lockfile+atomic-replace", "--driver", "processes",
                "--writers", "1", "--writes", "20", "--writer-cmd", "sleep 300 & exec " + PYTHON);
        assertEquals(0, p.exit(), p.out() + p.err());
        p.assertNoSurvivor("the writer's child outlived clobber");
    }

    /** A writer that never says ready is named, is bad input after --timeout, and leaves nothing behind. */
    @Test
    void anExternalWriterThatNeverGetsReadyIsNamedAndKilledWithItsChildren() throws Exception {
        Path cwd = Files.createDirectory(sandbox.resolve("never-ready"));
        long start = System.nanoTime();
        ClobberProcess p = ClobberProcess.run(cwd, "run", "--strategy", "lockfile+atomic-replace", "--driver", "processes",
                "--writers", "1", "--writes", "5", "--timeout", "3", "--writer-cmd", "sleep 300 & sleep 300");
        assertEquals(2, p.exit(), p.err());
        assertTrue(p.err().startsWith("clobber: --writer-cmd: external writer W1 (external writer 1"), p.err());
        assertTrue(p.err().contains("was not ready within the timeout of 3 s"), p.err());
        assertTrue(System.nanoTime() - start < java.util.concurrent.TimeUnit.SECONDS.toNanos(60), "the wait follows --timeout");
        p.assertNoSurvivor("the writer or its child outlived clobber");
    }
}
