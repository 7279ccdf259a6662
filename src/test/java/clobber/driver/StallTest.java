package clobber.driver;

import clobber.check.RunResult;
import clobber.run.SessionUnderTest;
import clobber.strategy.LockfileExistsMutex;
import clobber.strategy.Step;
import clobber.strategy.Verdict;
import clobber.workload.Keys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pidfile lock: correct while every writer lives, stuck for good once one dies holding it.
 * The harness must see that no update completes, stop the run at the end of the stall window
 * (not at the timeout), and say why: the lock file names a dead process.
 */
class StallTest {

    @RegisterExtension
    static final SessionUnderTest lab = new SessionUnderTest();

    @Test
    void aCrashHoldingAPidfileLockStallsTheRunAndTheHarnessSaysWhy() throws Exception {
        Duration stallAfter = Duration.ofSeconds(2);
        List<RunResult> results = lab.repeat(3, "processes", file -> RunSpec.of(new LockfileExistsMutex(), new Keys(), 4, 40, file)
                .withCrash(CrashPlan.atStep(Step.AFTER_LOCK, 1))
                .withLimits(new RunSpec.Limits(Duration.ofMinutes(1), stallAfter)));
        for (RunResult r : results) {
            assertEquals(Verdict.STALLED, r.judgement().verdict(), r.toString());
            // Stopped by the stall window, not by the timeout, however loaded the machine.
            assertTrue(r.observed().stalled().startsWith("no update completed for 2 s; ")
                    && r.observed().stalled().contains("data.json.lock names pid")
                    && r.observed().stalled().contains("which is dead: a stale lock left by a crash"), r.observed().stalled());
        }
    }

    @Test
    void withoutACrashThePidfileLockIsCorrect() throws Exception {
        RunResult r = lab.run("processes", file -> RunSpec.of(new LockfileExistsMutex(), new Keys(), 4, 40, file));
        assertEquals(Verdict.SAFE, r.judgement().verdict(), r.toString());
    }
}
