package clobber.strategy;

import clobber.check.RunResult;
import clobber.run.SessionUnderTest;
import clobber.strategy.Verdict;
import clobber.driver.Pause;
import clobber.driver.RunSpec;
import clobber.workload.Counter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two writers only, where a bare race is rare: a pause held open at the step where the pattern
 * is exposed makes the failure certain, and leaves a correct strategy correct.
 */
class PauseWidensRacesTest {
    @RegisterExtension
    static final SessionUnderTest LAB = new SessionUnderTest();


    @TempDir
    Path scratch;

    private RunResult run(WriteStrategy strategy, Pause pause, String name) throws Exception {
        RunSpec spec = RunSpec.of(strategy, new Counter(), 2, 30, scratch.resolve(name)).withPauses(java.util.List.of(pause));
        return LAB.run("threads", spec);
    }

    @Test
    void aPauseAfterTheReadMakesTwoUnlockedWritersLoseUpdates() throws Exception {
        RunResult r = run(new NoLock(), new Pause(Step.AFTER_READ, 2_000), "no-lock.json");
        assertTrue(r.damage().loss().atLeast() >= 10 || r.judgement().verdict() == Verdict.CORRUPT,
                "two writers pausing 2 ms between read and write overlap nearly every update: " + r);
    }

    @Test
    void aPauseWhileTheDataFileIsLockedExposesTheInodeSwap() throws Exception {
        // While W1 holds the old inode's lock and pauses before its rename, W2 is waiting on the same
        // inode: when it gets the lock it reads the stale document.
        RunResult r = run(new FlockDataFileReplace(), new Pause(Step.BEFORE_RENAME, 2_000), "flock-replace.json");
        assertTrue(r.damage().loss().atLeast() >= 10, r.toString());
    }

    @Test
    void theSamePausesLeaveTheCorrectStrategyCorrect() throws Exception {
        RunResult r = run(new LockFileAtomicReplace(), new Pause(Step.AFTER_READ, 2_000), "correct.json");
        assertEquals(Verdict.SAFE, r.judgement().verdict(), r.toString());
        assertEquals(60, r.counts().acknowledged());
    }
}
