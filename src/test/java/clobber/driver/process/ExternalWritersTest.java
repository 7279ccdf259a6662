package clobber.driver.process;

import clobber.check.RunResult;
import clobber.run.SessionUnderTest;
import clobber.strategy.Verdict;
import clobber.driver.ExternalWriters;
import clobber.driver.RunSpec;
import clobber.os.LockPrimitive;
import clobber.strategy.GroupCommit;
import clobber.strategy.LockFileAtomicReplace;
import clobber.workload.Keys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Java and Python writers on one file and one lock file, 5 runs each. Python's fcntl.flock is
 * flock(2); Java's FileChannel.lock is an fcntl(2) record lock; on Linux the two never see each
 * other, so the mix loses writes. With clobber's flock(2) lock on the Java side, it loses none;
 * nor does group-commit, whose batches take the same flock(2) on the same lock file.
 */
class ExternalWritersTest {
    private static final int RUNS = 5;
    private static final clobber.run.DriverOptions MIXED_2 = clobber.run.DriverOptions.DEFAULTS.withProcesses(2);
    private static final String PYTHON = "python3 " + Path.of("src/main/writers/python/atomic_json_update.py").toAbsolutePath()
            + " {file} {writer} {count}";
    private static final String SHELL = "sh " + Path.of("src/main/writers/shell/flock_writer.sh").toAbsolutePath()
            + " {file} {writer} {count}";

    @RegisterExtension
    static final SessionUnderTest lab = new SessionUnderTest();

    private static List<RunResult> mixed(String lock, String command, String label) throws Exception {
        return lab.repeat(RUNS, "processes",
                file -> RunSpec.of(new LockFileAtomicReplace().withLock(LockPrimitive.named(lock)), new Keys(), 2, 25, file)
                        .withExternal(new ExternalWriters(command, 2)));
    }

    @Test
    void javaChannelLocksAndPythonFlockDoNotExcludeEachOther() throws Exception {
        for (RunResult r : mixed("channel", PYTHON, "channel-python")) {
            assertTrue(r.damage().loss().atLeast() > 0 || r.observed().overlaps().count() > 0, "the mix went uncaught: " + r);
            assertEquals(100, r.counts().attempted());
        }
    }

    @Test
    void javaFlockAndPythonFlockExcludeEachOther() throws Exception {
        for (RunResult r : mixed("flock", PYTHON, "flock-python")) {
            assertEquals(Verdict.SAFE, r.judgement().verdict(), r.toString());
            assertEquals(100, r.counts().acknowledged());
            assertEquals(0, r.observed().overlaps().count());
        }
    }

    /**
     * Two worker JVMs of two group-commit writers each, so that each JVM's threads batch, beside
     * two Python writers: every batch and every Python update takes its turn under one flock.
     */
    @Test
    void groupCommitBatchesAndPythonFlockWritersLoseNothing() throws Exception {
        List<RunResult> runs = lab.repeat(RUNS, lab.driver("mixed", MIXED_2),
                file -> RunSpec.of(new GroupCommit(), new Keys(), 4, 25, file).withExternal(new ExternalWriters(PYTHON, 2)));
        for (RunResult r : runs) {
            assertEquals(Verdict.SAFE, r.judgement().verdict(), r.toString());
            assertEquals(0, r.damage().loss().atMost(), r.toString());
            assertEquals(150, r.counts().acknowledged());
        }
    }

    @Test
    void aShellWriterWithFlock1JoinsJavaFlockWritersSafely() throws Exception {
        for (RunResult r : mixed("flock", SHELL, "flock-shell")) {
            assertEquals(Verdict.SAFE, r.judgement().verdict(), r.toString());
            assertEquals(100, r.counts().acknowledged());
        }
    }
}
