package clobber.check;

import clobber.strategy.Verdict;
import clobber.driver.CrashPlan;
import clobber.driver.Pause;
import clobber.driver.ProcessDriver;
import clobber.driver.RunSpec;
import clobber.strategy.FlockSeekTruncate;
import clobber.strategy.LockFileAtomicReplace;
import clobber.strategy.Step;
import clobber.workload.Keys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Writers killed with SIGKILL mid-update, 20 runs per case. The claim of https://github.com/Netflix/metaflow/pull/3006: flock+seek/truncate
 * "serializes correctly but a crash between seek(0) and finishing the write leaves a truncated
 * file"; lockfile+atomic-replace survives a crash anywhere, losing no acknowledged write.
 */
class CrashTest {
    private static final int RUNS = 20;
    private static final double RANDOM_RATE = 2;

    @RegisterExtension
    static final SharedWorkerPool workers = new SharedWorkerPool();

    private static List<RunResult> crash(clobber.strategy.WriteStrategy strategy, CrashPlan plan, String label) throws Exception {
        return Runs.repeat(RUNS, workers.scratch(), label, ProcessDriver.processes(workers.pool()),
                file -> RunSpec.of(strategy, new Keys(), 4, 40, file).withCrash(plan));
    }

    @Test
    void aCrashAfterTheTruncateLeavesSeekTruncateCorruptEveryTime() throws Exception {
        for (RunResult r : crash(new FlockSeekTruncate(), CrashPlan.atStep(Step.AFTER_TRUNCATE, 1), "truncate")) {
            assertEquals(Verdict.CORRUPT, r.judgement().verdict(), r.toString());
            assertEquals(1, r.crashes().kills());
            assertTrue(r.judgement().claimHeld(), "flock+seek/truncate does not claim to survive crashes");
        }
    }

    /**
     * Random kills land where a writer spends its time; the truncate-to-written window is a few
     * microseconds of an update, so it is held open at mid-write for 500 us, as a slow disk or a
     * preempted writer would hold it. With two writers, a kill then lands in it about a third of
     * the time, and 20 runs are sure to be caught in it at least once.
     */
    private static final List<Pause> HOLD_MID_WRITE = List.of(new Pause(Step.MID_WRITE, 500));

    @Test
    void randomCrashesSometimesCatchSeekTruncateMidWrite() throws Exception {
        List<RunResult> results = Runs.repeat(RUNS, workers.scratch(), "random-truncate", ProcessDriver.processes(workers.pool()),
                file -> RunSpec.of(new FlockSeekTruncate(), new Keys(), 2, 150, file)
                        .withCrash(CrashPlan.random(RANDOM_RATE)).withPauses(HOLD_MID_WRITE));
        long corrupt = results.stream().filter(r -> r.loss().unreadableFiles() > 0).count();
        System.out.printf("flock+seek/truncate under random crashes: CORRUPT in %d/%d runs, %d crashes in all%n",
                corrupt, RUNS, results.stream().mapToInt(r -> r.crashes().kills()).sum());
        assertTrue(corrupt >= 1, "no random crash hit the window in " + RUNS + " runs");
    }

    @Test
    void theCrashDriverCatchesEveryStrategyThatDoesNotClaimToSurviveCrashes() throws Exception {
        // One crash at every step: whichever window a strategy leaves open, a crash lands in it.
        for (var strategy : clobber.strategy.Strategies.all()) {
            RunResult r = Runs.repeat(1, workers.scratch(), "every-step-" + strategy.name(), new clobber.driver.CrashDriver(workers.pool()),
                    file -> RunSpec.of(strategy, clobber.workload.Workload.defaultFor(strategy), 8, 30, file)
                            .withLimits(java.time.Duration.ofMinutes(2), java.time.Duration.ofSeconds(3))).getFirst();
            assertTrue(r.judgement().claimHeld(), strategy.name() + ": " + r);
            assertTrue(r.crashes().kills() > 0, strategy.name() + ": " + r);
        }
    }

    @ParameterizedTest(name = "crash at {0}")
    @ValueSource(strings = {"after-lock", "after-read", "mid-write", "before-rename", "before-unlock", "random"})
    void lockFileAtomicReplaceSurvivesACrashAnywhere(String where) throws Exception {
        CrashPlan plan = where.equals("random") ? CrashPlan.random(RANDOM_RATE) : CrashPlan.atStep(Step.labelled(where), 1);
        List<RunResult> results = Runs.repeat(RUNS, workers.scratch(), "atomic-" + where, ProcessDriver.processes(workers.pool()),
                file -> RunSpec.of(new LockFileAtomicReplace(), new Keys(), 2, 100, file).withCrash(plan).withPauses(HOLD_MID_WRITE));
        for (RunResult r : results) {
            assertEquals(0, r.loss().unreadableFiles(), r.toString());
            assertEquals(0, r.loss().atLeast(), "an acknowledged write was lost: " + r);
            assertEquals(Verdict.SAFE, r.judgement().verdict(), r.toString());
            if (!where.equals("random")) {
                assertEquals(1, r.crashes().kills(), r.toString());
            }
            if (where.equals("mid-write") || where.equals("before-rename")) {
                assertEquals(1, r.crashes().leftoverTempFiles(), "a crash before the rename leaves its temp file: " + r);
            }
        }
    }
}
