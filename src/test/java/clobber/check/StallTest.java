package clobber.check;

import clobber.strategy.Verdict;
import clobber.driver.CrashPlan;
import clobber.driver.ProcessDriver;
import clobber.driver.RunSpec;
import clobber.driver.WorkerPool;
import clobber.strategy.LockfileExistsMutex;
import clobber.strategy.Step;
import clobber.workload.Keys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pidfile lock: correct while every writer lives, stuck for good once one dies holding it.
 * The harness must see that no update completes, stop the run within the stall window, and say
 * why: the lock file names a dead process.
 */
class StallTest {

    @TempDir
    Path scratch;

    @Test
    void aCrashHoldingAPidfileLockStallsTheRunAndTheHarnessSaysWhy() throws Exception {
        Duration stallAfter = Duration.ofSeconds(2);
        try (WorkerPool pool = new WorkerPool(scratch)) {
            for (int i = 0; i < 3; i++) {
                RunSpec spec = RunSpec.of(new LockfileExistsMutex(), new Keys(), 4, 40, scratch.resolve("data-" + i + ".json"))
                        .withCrash(CrashPlan.atStep(Step.AFTER_LOCK, 1))
                        .withLimits(Duration.ofMinutes(1), stallAfter);
                long begin = System.nanoTime();
                RunResult r = Experiment.run(ProcessDriver.processes(pool), spec);
                Duration took = Duration.ofNanos(System.nanoTime() - begin);
                assertEquals(Verdict.STALLED, r.judgement().verdict(), r.toString());
                assertTrue(r.stalled().contains("data-" + i + ".json.lock names pid")
                        && r.stalled().contains("which is dead: a stale lock left by a crash"), r.stalled());
                assertTrue(took.compareTo(stallAfter.plusSeconds(10)) < 0, "the stall took " + took + " to detect and stop");
            }
        }
    }

    @Test
    void withoutACrashThePidfileLockIsCorrect() throws Exception {
        try (WorkerPool pool = new WorkerPool(scratch)) {
            RunResult r = Experiment.run(ProcessDriver.processes(pool),
                    RunSpec.of(new LockfileExistsMutex(), new Keys(), 4, 40, scratch.resolve("data.json")));
            assertEquals(Verdict.SAFE, r.judgement().verdict(), r.toString());
        }
    }
}
