package clobber.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.UUID;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * clobber writes only what it was given, and only as it was given: a device, a pipe or a symlink
 * named by --json is refused, not replaced; a report folder's files that clobber did not make are
 * left alone; bad input found after --dir was made takes back all it made; and an output that
 * fails after a run never loses the run's results.
 */
class OutputPathsTest {
    private static final String[] SMALL = {"run", "--strategy", "lockfile+atomic-replace", "--writers", "2", "--writes", "5"};

    @TempDir
    Path sandbox;

    private Path cwd() throws Exception {
        return Files.createDirectory(sandbox.resolve("cwd-" + UUID.randomUUID()));
    }

    private static ClobberProcess small(Path cwd, String... more) throws Exception {
        return ClobberProcess.run(cwd, Stream.concat(Stream.of(SMALL), Stream.of(more)).toArray(String[]::new));
    }

    private static void refused(ClobberProcess p, String expected) {
        assertEquals(2, p.exit(), p.out() + p.err());
        assertEquals(1, p.err().lines().count(), p.err());
        assertTrue(p.err().contains(expected), "'" + expected + "' in: " + p.err());
        assertEquals("", p.out(), "refused before anything ran");
    }

    /** A character device of its own (the number of /dev/full), so that the machine's is never at stake. */
    @Test
    void aJsonPathThatIsADeviceAPipeOrASymlinkIsRefusedAndLeftAsItWas() throws Exception {
        Path cwd = cwd();
        Path device = cwd.resolve("full");
        assertEquals(0, new ProcessBuilder("mknod", device.toString(), "c", "1", "7").inheritIO().start().waitFor());
        Path pipe = cwd.resolve("pipe");
        assertEquals(0, new ProcessBuilder("mkfifo", pipe.toString()).inheritIO().start().waitFor());
        Path stdout = Files.createSymbolicLink(cwd.resolve("stdout"), Path.of("/proc/self/fd/1"));
        Path regular = Files.writeString(cwd.resolve("kept.json"), "mine");
        Path linkToFile = Files.createSymbolicLink(cwd.resolve("link.json"), regular);
        refused(small(cwd, "--json", device.toString()), "is not a regular file");
        refused(small(cwd, "--json", pipe.toString()), "is not a regular file");
        refused(small(cwd, "--json", stdout.toString()), "is a symbolic link");
        refused(small(cwd, "--json", linkToFile.toString()), "is a symbolic link");
        assertFalse(Files.isRegularFile(device) || Files.isRegularFile(pipe), "the device and the pipe are still what they were");
        assertTrue(Files.isSymbolicLink(stdout) && Files.isSymbolicLink(linkToFile));
        assertEquals("mine", Files.readString(regular));
    }

    @Test
    void aJsonPathThatCannotBeWrittenIsRefusedBeforeTheRun() throws Exception {
        Path cwd = cwd();
        Files.writeString(cwd.resolve("plain.txt"), "a file");
        refused(small(cwd, "--json", "plain.txt/result.json"), "is not a directory");
        refused(small(cwd, "--json", "/proc/clobber-result.json"), "cannot be created in /proc");
        refused(small(cwd, "--json", "same", "--dir", "same"), "--json and --dir both name same");
        refused(small(cwd, "--json", "reports", "--report", "reports"), "--json and --report both name reports");
        refused(small(cwd, "--json", ""), "an empty path");
        refused(small(cwd, "--report", ""), "--report is an empty path");
        try (Stream<Path> files = Files.list(cwd)) {
            assertEquals(1, files.count(), "nothing was written beside the file");
        }
    }

    @Test
    void aLatestThatIsNotClobbersSymlinkIsRefusedAndKept() throws Exception {
        Path cwd = cwd();
        Files.createDirectories(cwd.resolve("asDirectory/latest/inside"));
        refused(small(cwd, "--report", "asDirectory"), "asDirectory/latest is a directory, not the symlink clobber keeps there");
        Files.createDirectories(cwd.resolve("asFile"));
        Files.writeString(cwd.resolve("asFile/latest"), "my notes");
        refused(small(cwd, "--report", "asFile"), "asFile/latest is a file");
        Files.createDirectories(cwd.resolve("elsewhere"));
        Files.createSymbolicLink(cwd.resolve("elsewhere/latest"), Path.of("/etc"));
        refused(small(cwd, "--report", "elsewhere"), "links to /etc");
        assertTrue(Files.isDirectory(cwd.resolve("asDirectory/latest/inside")));
        assertEquals("my notes", Files.readString(cwd.resolve("asFile/latest")));
        assertEquals(Path.of("/etc"), Files.readSymbolicLink(cwd.resolve("elsewhere/latest")));
    }

    /** Only a staging folder clobber can tell is its own, left by a dead clobber, is cleared; the user's, whatever its name, stay. */
    @Test
    void theReportFolderKeepsEveryStagingFolderClobberDidNotMake() throws Exception {
        Path cwd = cwd();
        Path reports = Files.createDirectory(cwd.resolve("reports"));
        String uuid = UUID.randomUUID().toString();
        Path mine = Files.createDirectory(reports.resolve(".staging-mine"));
        Files.writeString(mine.resolve("draft.md"), "draft");
        Path numbered = Files.createDirectory(reports.resolve(".staging-999999999-" + uuid));
        Files.writeString(numbered.resolve("results.json"), "{}");
        Path withNotes = Files.createDirectory(reports.resolve(".clobber-staging-999999999-" + uuid));
        Files.writeString(withNotes.resolve("notes.txt"), "not a report's");
        Path leftover = Files.createDirectory(reports.resolve(".clobber-staging-999999998-" + uuid));
        Files.writeString(leftover.resolve("results.json"), "{\"half\":");
        ClobberProcess p = small(cwd, "--report", "reports");
        assertEquals(0, p.exit(), p.out() + p.err());
        assertEquals("draft", Files.readString(mine.resolve("draft.md")));
        assertEquals("{}", Files.readString(numbered.resolve("results.json")));
        assertEquals("not a report's", Files.readString(withNotes.resolve("notes.txt")));
        assertTrue(Files.notExists(leftover), "a dead clobber's half-written report is cleared");
        assertTrue(Files.isSymbolicLink(reports.resolve("latest")));
    }

    /** Bad input found only once the session is under way (a writer that speaks no protocol) takes back --dir and its new parents. */
    @Test
    void badInputFoundAfterTheScratchDirectoryWasMadeLeavesNothing() throws Exception {
        Path cwd = cwd();
        Path empty = Files.createDirectory(cwd.resolve("empty"));
        for (String dir : new String[] {"new/deeper/scratch", "empty"}) {
            ClobberProcess p = ClobberProcess.run(cwd, "run", "--strategy", "lockfile+atomic-replace", "--driver", "processes",
                    "--writers", "1", "--writes", "5", "--writer-cmd", "echo garbage", "--dir", dir, "--report", "reports");
            assertEquals(2, p.exit(), p.out() + p.err());
            assertTrue(p.err().contains("printed 'garbage'"), p.err());
        }
        assertTrue(Files.notExists(cwd.resolve("new")), "the parents made for --dir are taken back too");
        try (Stream<Path> left = Files.list(empty)) {
            assertEquals(0, left.count(), "the given directory is empty again, so that the corrected run is not refused");
        }
        assertTrue(Files.notExists(cwd.resolve("reports")));
    }

    /**
     * An output that passed every check and still fails after the run (here the --json name is
     * taken by a directory while the run goes) is said in one line, exit 3, with where the results
     * are: nothing of a finished run is lost.
     */
    @Test
    void anOutputThatFailsAfterTheRunNeverLosesItsResults() throws Exception {
        Path cwd = cwd();
        Path scratch = cwd.resolve("scratch");
        Process clobber = new ProcessBuilder(ClobberProcess.command(java.util.List.of(), "run", "--strategy", "lockfile+atomic-replace",
                "--driver", "processes", "--writers", "2", "--writes", "20", "--pause", "after-lock:100000",
                "--json", "result.json", "--dir", scratch.toString(), "--report", "reports"))
                .directory(cwd.toFile()).redirectOutput(cwd.resolveSibling("late.out").toFile())
                .redirectError(cwd.resolveSibling("late.err").toFile()).start();
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (!hasRunDirectory(scratch) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        Files.createDirectory(cwd.resolve("result.json"));
        assertTrue(clobber.waitFor(3, java.util.concurrent.TimeUnit.MINUTES));
        String err = Files.readString(cwd.resolveSibling("late.err"));
        assertEquals(3, clobber.exitValue(), err);
        java.util.List<String> said = err.lines().filter(l -> l.startsWith("clobber: ")).toList(); // progress lines aside
        assertEquals(1, said.size(), err);
        assertTrue(said.getFirst().startsWith("clobber: could not write --json result.json: "), err);
        Path saved = Path.of(said.getFirst().substring(said.getFirst().indexOf("the results are in ") + "the results are in ".length()));
        assertTrue(saved.toString().endsWith("results.json") && saved.startsWith("reports"), err);
        assertEquals("SAFE", new ObjectMapper().readTree(cwd.resolve(saved).toFile()).get("runs").get(0).get("judgement").get("verdict").asText());
    }

    private static boolean hasRunDirectory(Path scratch) throws Exception {
        if (!Files.isDirectory(scratch, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(scratch)) {
            return entries.anyMatch(e -> e.getFileName().toString().startsWith("001-"));
        }
    }
}
