package clobber.run;

import clobber.check.RunResult;
import clobber.check.TraceFinding;
import clobber.driver.CrashCall;
import clobber.driver.CrashPlan;
import clobber.driver.ExternalWriters;
import clobber.driver.RunSpec;
import clobber.driver.UpdateCommand;
import clobber.format.DataFormat;
import clobber.os.LockPrimitive;
import clobber.strategy.LockFileAtomicReplace;
import clobber.strategy.Verdict;
import clobber.workload.Keys;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The part of docs/libraries.md that installs in seconds, measured again: git config, crudini,
 * jq | sponge with and without flock(1) through --update-cmd; Python's fasteners and filelock
 * (Debian's python3-* packages) beside clobber's Java writers of the lock they should share, and
 * of the one they should not; Node's write-file-atomic (src/main/writers/node, npm ci); one cell
 * each of the crash, locks and power-loss columns that the source decides every run: portalocker
 * killed after its truncate, portalocker's write after its unlock, git config's lock file read
 * from its trace, jq | sponge's temp file in /tmp followed into place by a power cut. Each
 * verdict is the one the tool's source predicts (docs/libraries.md gives the lines). ./clobber
 * test installs what these need.
 */
class LibrariesTest {
    private static final Path WRITERS = Path.of("src/main/writers").toAbsolutePath();
    private static final int RUNS = 2;
    /** Updates per writer of a tool run once per update: enough for four writers to overlap all the time. */
    private static final int TOOL_UPDATES = 15;

    @RegisterExtension
    static final SessionUnderTest lab = new SessionUnderTest();

    @BeforeAll
    static void toolsAreInstalled() throws Exception {
        for (String tool : List.of("git", "crudini", "jq", "sponge", "flock", "node", "strace")) {
            Process which = new ProcessBuilder("sh", "-c", "command -v " + tool).start();
            assertEquals(0, which.waitFor(), tool + " is missing: ./clobber test installs it (apt-get install git crudini jq moreutils util-linux nodejs strace)");
        }
        for (String module : List.of("filelock", "fasteners", "portalocker")) {
            Process python = new ProcessBuilder("/usr/bin/python3", "-c", "import " + module).start();
            assertEquals(0, python.waitFor(), "python3-" + module + " is missing: ./clobber test installs it");
        }
        assertTrue(WRITERS.resolve("node/node_modules/write-file-atomic").toFile().isDirectory(),
                "the Node adapters' packages are missing: ./clobber test runs npm ci in " + WRITERS.resolve("node"));
    }

    private static List<RunResult> tool(String driver, DataFormat format, String command, int writers, int writes)
            throws Exception {
        return lab.repeat(driver.equals("powerloss") ? 1 : RUNS, driver,
                file -> RunSpec.of(new LockFileAtomicReplace(), new Keys(format), 0, writes, file)
                        .withExternal(ExternalWriters.perUpdate(new UpdateCommand(command), writers)));
    }

    private static String python(String adapter) {
        return "/usr/bin/python3 " + WRITERS.resolve("python/" + adapter) + " {file} {writer} {count}";
    }

    private static Set<TraceFinding.Kind> findings(RunResult r) {
        return r.observed().traceFindings() == null ? Set.of()
                : r.observed().traceFindings().stream().map(TraceFinding::kind).collect(java.util.stream.Collectors.toSet());
    }

    private static List<RunResult> beside(String lock, String command) throws Exception {
        return lab.repeat(RUNS, "processes",
                file -> RunSpec.of(new LockFileAtomicReplace().withLock(LockPrimitive.named(lock)), new Keys(), 2, 25, file)
                        .withExternal(new ExternalWriters(command, 2)));
    }

    /** git's O_EXCL lock file refuses a second writer ("could not lock config file"), which gives up; no update is ever lost. */
    @Test
    void gitConfigFailsOnItsHeldLockButNeverLosesAWrite() throws Exception {
        String gitConfig = "git config --file {file} s.{key} {value}";
        for (RunResult r : tool("processes", DataFormat.named("ini"), gitConfig, 4, TOOL_UPDATES)) {
            assertTrue(Set.of(Verdict.SAFE, Verdict.ERRORS).contains(r.judgement().verdict()), r.toString());
            assertEquals(0, r.damage().loss().atMost(), r.toString());
            assertEquals(4 * TOOL_UPDATES, r.counts().acknowledged() + r.observed().failures().givenUp(), r.toString());
            assertTrue(r.observed().failures().givenUp() == 0 || r.observed().failures().first().contains("could not lock config file"), r.toString());
        }
    }

    /** git writes the lock file and renames it over the config with no fsync: a power cut can keep the rename and lose the data. */
    @Test
    void gitConfigLosesAcknowledgedWritesToAPowerCut() throws Exception {
        RunResult r = tool("powerloss", DataFormat.named("ini"), "git config --file {file} s.{key} {value}", 1, 3).getFirst();
        assertEquals(Verdict.LOST_WRITES, r.judgement().verdict(), r.toString());
        assertEquals(3, r.counts().acknowledged());
    }

    /** crudini takes lockf on the file, checks it still names what it locked, writes a temp file, fsyncs, renames, fsyncs the directory. */
    @Test
    void crudiniIsSafeUnderProcessesAndPowerCuts() throws Exception {
        String crudini = "crudini --set {file} s {key} {value}";
        for (RunResult r : tool("processes", DataFormat.named("ini"), crudini, 4, TOOL_UPDATES)) {
            assertEquals(Verdict.SAFE, r.judgement().verdict(), r.toString());
            assertEquals(4 * TOOL_UPDATES, r.counts().acknowledged());
        }
        RunResult cut = tool("powerloss", DataFormat.named("ini"), crudini, 1, 3).getFirst();
        assertEquals(Verdict.SAFE, cut.judgement().verdict(), cut.toString());
        assertTrue(cut.damage().powerLoss().crashStates() > 0);
    }

    @Test
    void jqAndSpongeWithoutALockLoseWrites() throws Exception {
        String jqSponge = "sh " + WRITERS.resolve("shell/jq_sponge.sh") + " {file} {key} {value}";
        for (RunResult r : tool("processes", DataFormat.JSON, jqSponge, 4, TOOL_UPDATES)) {
            assertTrue(r.damage().loss().atLeast() > 0 || r.damage().loss().unreadableFiles() > 0, r.toString());
        }
    }

    /** flock(1) is flock(2) on FILE.lock, the lock clobber's lockfile+atomic-replace takes with --lock flock. */
    @Test
    void flockAroundJqAndSpongeIsSafeAloneAndBesideJavaFlockWriters() throws Exception {
        String locked = "flock {file}.lock sh " + WRITERS.resolve("shell/jq_sponge.sh") + " {file} {key} {value}";
        for (RunResult r : tool("processes", DataFormat.JSON, locked, 4, TOOL_UPDATES)) {
            assertEquals(Verdict.SAFE, r.judgement().verdict(), r.toString());
        }
        for (RunResult r : lab.repeat(RUNS, "processes",
                file -> RunSpec.of(new LockFileAtomicReplace(), new Keys(), 2, TOOL_UPDATES, file)
                        .withExternal(ExternalWriters.perUpdate(new UpdateCommand(locked), 2)))) {
            assertEquals(Verdict.SAFE, r.judgement().verdict(), r.toString());
            assertEquals(4 * TOOL_UPDATES, r.counts().acknowledged());
        }
    }

    /** fasteners' InterProcessLock is fcntl.lockf, a POSIX record lock: it excludes Java's fcntl lock and not its flock. */
    @Test
    void fastenersExcludesJavaPosixLocksAndNotJavaFlock() throws Exception {
        String fasteners = "/usr/bin/python3 " + WRITERS.resolve("python/fasteners_writer.py") + " {file} {writer} {count}";
        for (RunResult r : beside("posix", fasteners)) {
            assertEquals(Verdict.SAFE, r.judgement().verdict(), r.toString());
        }
        for (RunResult r : beside("flock", fasteners)) {
            assertTrue(r.damage().loss().atLeast() > 0 || r.observed().overlaps().count() > 0, "the mix went uncaught: " + r);
        }
    }

    /** filelock's FileLock is flock(2) on FILE.lock: the same lock as Java's --lock flock. */
    @Test
    void filelockBesideJavaFlockWritersLosesNothing() throws Exception {
        String filelock = "/usr/bin/python3 " + WRITERS.resolve("python/filelock_writer.py") + " {file} {writer} {count}";
        for (RunResult r : beside("flock", filelock)) {
            assertEquals(Verdict.SAFE, r.judgement().verdict(), r.toString());
            assertEquals(0, r.observed().overlaps().count(), r.toString());
        }
    }

    /** write-file-atomic makes each write atomic and takes no lock: the read-modify-write of another process is erased. */
    @Test
    void writeFileAtomicWithoutALockLosesWrites() throws Exception {
        String node = "node " + WRITERS.resolve("node/write-file-atomic-writer.js") + " {file} {writer} {count}";
        for (RunResult r : lab.repeat(RUNS, "processes",
                file -> RunSpec.of(new LockFileAtomicReplace(), new Keys(), 0, 25, file).withExternal(new ExternalWriters(node, 4)))) {
            assertEquals(Verdict.LOST_WRITES, r.judgement().verdict(), r.toString());
        }
    }

    /**
     * portalocker truncates the data file under its flock and writes it only at close, after the
     * unlock (portalocker/utils.py:262-263): killed right after its ftruncate, it leaves an empty
     * file, which every other writer then fails to parse.
     */
    @Test
    void portalockerKilledAfterItsTruncateLeavesAnEmptyFile() throws Exception {
        RunResult r = lab.run("crash", file -> RunSpec.of(new LockFileAtomicReplace(), new Keys(), 0, 10, file)
                .withExternal(new ExternalWriters(python("portalocker_writer.py"), 2))
                .withCrash(CrashPlan.atCall(CrashCall.parse("ftruncate:1"), 1)));
        assertEquals(1, r.observed().crashes().kills(), r.toString());
        assertEquals(Verdict.CORRUPT, r.judgement().verdict(), r.toString());
    }

    /** The same write after LOCK_UN is in the trace of every update, though the 0.25 s poll of a waiter almost never lands in it. */
    @Test
    void portalockersWriteAfterItsUnlockIsFoundInItsTrace() throws Exception {
        RunResult r = lab.run("locks", file -> RunSpec.of(new LockFileAtomicReplace(), new Keys(), 0, 10, file)
                .withExternal(new ExternalWriters(python("portalocker_writer.py"), 2)));
        assertTrue(findings(r).contains(TraceFinding.Kind.RELEASED), r.toString());
        assertTrue(r.judgement().verdict() != Verdict.SAFE, r.toString());
    }

    /** git's O_EXCL data.json.lock, renamed over the config, is a lock by name: no NO_LOCK; its read through mmap is said unmodelled. */
    @Test
    void gitConfigsLockFileIsALockToTheLockCheck() throws Exception {
        for (RunResult r : tool("locks", DataFormat.named("ini"), "git config --file {file} s.{key} {value}", 2, 5)) {
            assertEquals(Set.of(TraceFinding.Kind.UNMODELLED), findings(r), r.toString());
            assertEquals(0, r.damage().loss().atMost(), r.toString());
        }
    }

    /** sponge's temp file in /tmp (the scratch directory's file system here), never fsynced, renamed over FILE: a cut keeps the rename, not the bytes. */
    @Test
    void jqAndSpongeLeaveAnEmptyFileToAPowerCut() throws Exception {
        RunResult r = tool("powerloss", DataFormat.JSON, "sh " + WRITERS.resolve("shell/jq_sponge.sh") + " {file} {key} {value}", 1, 3).getFirst();
        assertEquals(Verdict.CORRUPT, r.judgement().verdict(), r.toString());
        assertEquals(3, r.counts().acknowledged());
    }
}
