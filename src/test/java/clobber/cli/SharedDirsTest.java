package clobber.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hosts driver on the user's own mounts ({@code --shared-dirs}, here two names of one local
 * directory, both hosts this machine): each run works in a folder of its own on the share, judges
 * only its own files, and removes the folder after, so that neither an earlier run nor one going
 * at the same time is judged with it. It writes nothing outside the share and its scratch
 * directory (no machine-wide cache drop).
 */
class SharedDirsTest {

    @TempDir
    Path sandbox;

    private ClobberProcess hosts(Path share, String name) throws Exception {
        Path cwd = Files.createDirectories(sandbox.resolve(name));
        Path second = sandbox.resolve("second-name-" + name);
        if (Files.notExists(second)) {
            Files.createSymbolicLink(second, share);
        }
        return ClobberProcess.run(cwd, "run", "--strategy", "create-exclusive", "--driver", "hosts", "--shared-dirs",
                share + "," + second, "--writers", "2", "--writes", "10", "--report", "reports");
    }

    @Test
    void eachRunHasAFolderOfItsOwnOnTheShareRemovedAfter() throws Exception {
        Path share = Files.createDirectory(sandbox.resolve("share"));
        for (String run : new String[] {"first", "second"}) {
            ClobberProcess p = hosts(share, run);
            assertEquals(0, p.exit(), p.out() + p.err());
            assertTrue(p.out().contains("host 1 saw 20 files") && p.out().contains("host 2 saw 20 files"),
                    run + " run sees its own 20 records, no earlier run's: " + p.out());
            try (Stream<Path> left = Files.list(share)) {
                assertEquals(0, left.count(), "the run's folder is removed from the share");
            }
        }
    }

    @Test
    void twoRunsAtOnceJudgeOnlyTheirOwnFiles() throws Exception {
        Path share = Files.createDirectory(sandbox.resolve("busy-share"));
        CompletableFuture<ClobberProcess> one = CompletableFuture.supplyAsync(() -> unchecked(() -> hosts(share, "one")));
        ClobberProcess two = hosts(share, "two");
        for (ClobberProcess p : new ClobberProcess[] {one.get(), two}) {
            assertEquals(0, p.exit(), p.out() + p.err());
            assertTrue(p.out().contains("host 1 saw 20 files"), p.out());
            assertTrue(p.out().matches("(?s).*create-exclusive +- +hosts +0/20 .*"), p.out());
        }
    }

    /** Seen by strace in the system calls of clobber and everything it starts: nothing opens drop_caches. */
    @Test
    void itDropsNoCacheOfTheWholeMachine() throws Exception {
        Path share = Files.createDirectory(sandbox.resolve("traced-share"));
        Files.createSymbolicLink(sandbox.resolve("traced-second"), share);
        Path cwd = Files.createDirectory(sandbox.resolve("traced"));
        Path trace = sandbox.resolve("opens.trace");
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("strace", "-f", "-qq", "-e", "trace=open,openat",
                "-o", trace.toString()));
        command.addAll(ClobberProcess.command(java.util.List.of(), "run", "--strategy", "create-exclusive", "--driver", "hosts",
                "--shared-dirs", share + "," + sandbox.resolve("traced-second"), "--writers", "2", "--writes", "5", "--report", "reports"));
        Process p = new ProcessBuilder(command).directory(cwd.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(p.waitFor(3, java.util.concurrent.TimeUnit.MINUTES));
        assertEquals(0, p.exitValue());
        try (Stream<String> opens = Files.lines(trace)) {
            assertTrue(opens.noneMatch(l -> l.contains("drop_caches")), "drop_caches was opened");
        }
    }

    private interface Call<T> {
        T call() throws Exception;
    }

    private static <T> T unchecked(Call<T> call) {
        try {
            return call.call();
        } catch (Exception e) {
            throw new RuntimeException(e);
        }
    }
}
