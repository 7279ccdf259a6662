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
 * The harness must see that no update completes, stop the run within the stall window, and say
 * why: the lock file names a dead process.
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
            assertTrue(r.observed().stalled().contains("data.json.lock names pid")
                    && r.observed().stalled().contains("which is dead: a stale lock left by a crash"), r.observed().stalled());
            // From the start signal to the run's end: the stall window, then the time to see it and stop.
            assertTrue(r.timing().wallMillis() < stallAfter.plusSeconds(10).toMillis(), "the stall took " + r.timing().wallMillis() + " ms to stop");
        }
    }

    @Test
    void withoutACrashThePidfileLockIsCorrect() throws Exception {
        RunResult r = lab.run("processes", file -> RunSpec.of(new LockfileExistsMutex(), new Keys(), 4, 40, file));
        assertEquals(Verdict.SAFE, r.judgement().verdict(), r.toString());
    }
}
