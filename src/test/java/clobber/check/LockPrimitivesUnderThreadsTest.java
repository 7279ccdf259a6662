package clobber.check;

import clobber.strategy.Verdict;
import clobber.driver.RunSpec;
import clobber.driver.ThreadDriver;
import clobber.os.LockPrimitive;
import clobber.strategy.LockFileAtomicReplace;
import clobber.workload.Keys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The correct pattern is only as correct as its lock. Between threads of one JVM: flock and OFD
 * locks exclude; a POSIX lock is the process's, so both threads hold it at once (overlaps); a
 * FileChannel lock throws OverlappingFileLockException at the second thread (errors).
 */
class LockPrimitivesUnderThreadsTest {

    @TempDir
    Path scratch;

    private RunResult run(String lock) throws Exception {
        RunSpec spec = RunSpec.of(new LockFileAtomicReplace().withLock(LockPrimitive.named(lock)), new Keys(), 8, 25,
                scratch.resolve(lock + ".json"));
        return Experiment.run(new ThreadDriver(), spec);
    }

    @Test
    void flockAndOfdExcludeThreads() throws Exception {
        for (String lock : List.of("flock", "ofd")) {
            RunResult r = run(lock);
            assertEquals(Verdict.SAFE, r.judgement().verdict(), r.toString());
            assertEquals(0, r.overlaps().count());
        }
    }

    @Test
    void aPosixLockLetsEveryThreadInAtOnce() throws Exception {
        RunResult r = run("posix");
        assertTrue(r.overlaps().count() > 0, r.toString());
        assertTrue(r.overlaps().first().matches("W\\d+ entered while W\\d+ was inside, at \\d+ us"), r.overlaps().first());
        assertTrue(r.judgement().claimHeld(), "the claim drops threads for a posix lock: " + r);
    }

    @Test
    void aChannelLockThrowsAtTheSecondThread() throws Exception {
        RunResult r = run("channel");
        assertTrue(r.failures().givenUp() > 0, r.toString());
        assertTrue(r.failures().first().startsWith("OverlappingFileLockException"), r.failures().first());
        assertTrue(r.judgement().claimHeld(), r.toString());
    }
}
