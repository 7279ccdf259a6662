package clobber.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

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

    private static Process start(Path cwd, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), Clobber.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).directory(cwd.toFile())
                .redirectOutput(cwd.resolve("out.txt").toFile()).redirectError(cwd.resolve("err.txt").toFile()).start();
    }

    /** Collects the process's descendants until it exits; returns every one seen. */
    private static Set<ProcessHandle> watch(Process clobber, int atLeast, Runnable whenSeen) throws Exception {
        Set<ProcessHandle> seen = new HashSet<>();
        boolean fired = false;
        while (clobber.isAlive()) {
            clobber.descendants().forEach(seen::add);
            if (!fired && seen.size() >= atLeast) {
                fired = true;
                whenSeen.run();
            }
            Thread.sleep(20);
        }
        return seen;
    }

    private static void assertAllGone(Set<ProcessHandle> workers) throws Exception {
        for (ProcessHandle worker : workers) {
            worker.onExit().get(10, TimeUnit.SECONDS);
            assertTrue(!worker.isAlive(), "worker " + worker.pid() + " outlived clobber");
        }
    }

    @Test
    void sigintTakesTheWorkersDownWithClobber() throws Exception {
        for (int i = 0; i < 20; i++) {
            Path cwd = Files.createDirectory(sandbox.resolve("int-" + i));
            Process clobber = start(cwd, "run", "--strategy", "lockfile+atomic-replace", "--driver", "processes",
                    "--writers", "2", "--writes", "100000");
            Set<ProcessHandle> workers = watch(clobber, 2, () -> {
                try {
                    new ProcessBuilder("kill", "-INT", Long.toString(clobber.pid())).start().waitFor();
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
            assertTrue(workers.size() >= 2, "run " + i + " saw " + workers.size() + " workers");
            assertAllGone(workers);
        }
    }

    @Test
    void hungWorkersAreDumpedKilledAndReportedStalled() throws Exception {
        Path cwd = Files.createDirectory(sandbox.resolve("hang"));
        // Every writer sleeps 10 s holding the lock; the run may take 1 s. 20 runs, 2 workers each.
        Process clobber = start(cwd, "run", "--strategy", "lockfile+atomic-replace", "--driver", "processes",
                "--writers", "2", "--writes", "3", "--pause", "after-lock:10000000", "--timeout", "1", "--runs", "20");
        Set<ProcessHandle> workers = watch(clobber, 1, () -> { });
        assertEquals(1, clobber.exitValue(), "a stalled safe strategy breaks its claim");
        String out = Files.readString(cwd.resolve("out.txt"));
        assertTrue(out.contains("STALLED in 20/20"), out);
        assertTrue(out.contains("hung past the timeout; thread dump: \"writer-"), out);
        assertTrue(workers.size() >= 20, "each stalled run's workers are replaced: saw " + workers.size());
        assertAllGone(workers);
    }
}
