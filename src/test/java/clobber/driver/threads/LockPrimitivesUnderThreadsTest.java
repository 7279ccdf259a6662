package clobber.driver.threads;

import clobber.check.RunResult;
import clobber.run.SessionUnderTest;
import clobber.strategy.Verdict;
import clobber.driver.RunSpec;
import clobber.os.LockPrimitive;
import clobber.strategy.LockFileAtomicReplace;
import clobber.workload.Keys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The correct pattern is only as correct as its lock. Between threads of one JVM: flock and OFD
 * locks exclude; a POSIX lock is the process's, so both threads hold it at once (overlaps); a
 * FileChannel lock throws OverlappingFileLockException at the second thread (errors).
 */
class LockPrimitivesUnderThreadsTest {

    @RegisterExtension
    static final SessionUnderTest lab = new SessionUnderTest();

    private RunResult run(String lock) throws Exception {
        return lab.run("threads", file -> RunSpec.of(new LockFileAtomicReplace().withLock(LockPrimitive.named(lock)), new Keys(), 8, 25, file));
    }

    @Test
    void flockAndOfdExcludeThreads() throws Exception {
        for (String lock : List.of("flock", "ofd")) {
            RunResult r = run(lock);
            assertEquals(Verdict.SAFE, r.judgement().verdict(), r.toString());
            assertEquals(0, r.observed().overlaps().count());
        }
    }

    @Test
    void aPosixLockLetsEveryThreadInAtOnce() throws Exception {
        RunResult r = run("posix");
        assertTrue(r.observed().overlaps().count() > 0, r.toString());
        assertTrue(r.observed().overlaps().first().matches("W\\d+ entered while W\\d+ was inside, at \\d+ us"), r.observed().overlaps().first());
        assertTrue(r.judgement().claimHeld(), "the claim drops threads for a posix lock: " + r);
    }

    @Test
    void aChannelLockThrowsAtTheSecondThread() throws Exception {
        RunResult r = run("channel");
        assertTrue(r.observed().failures().givenUp() > 0, r.toString());
        assertTrue(r.observed().failures().first().startsWith("OverlappingFileLockException"), r.observed().failures().first());
        assertTrue(r.judgement().claimHeld(), r.toString());
    }
}
