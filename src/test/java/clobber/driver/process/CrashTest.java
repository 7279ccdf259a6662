package clobber.driver.process;

import clobber.check.RunResult;
import clobber.run.SessionUnderTest;

import clobber.strategy.Verdict;
import clobber.driver.CrashPlan;
import clobber.driver.RunSpec;
import clobber.driver.Pause;
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
 * Writers killed with SIGKILL mid-update. The claim of https://github.com/Netflix/metaflow/pull/3006:
 * flock+seek/truncate "serializes correctly but a crash between seek(0) and finishing the write
 * leaves a truncated file"; lockfile+atomic-replace survives a crash anywhere, losing no
 * acknowledged write. A crash at a step lands in its window every time, so a few runs a case show
 * it; each run's seed (0, 1, 2...) is in its result, and {@code --seed} replays it.
 */
class CrashTest {
    private static final int RUNS = 3;

    @RegisterExtension
    static final SessionUnderTest lab = new SessionUnderTest();

    private static List<RunResult> crash(clobber.strategy.WriteStrategy strategy, CrashPlan plan) throws Exception {
        return lab.repeat(RUNS, "processes",
                file -> RunSpec.of(strategy, new Keys(), 4, 40, file).withCrash(plan));
    }

    @Test
    void aCrashAfterTheTruncateLeavesSeekTruncateCorruptEveryTime() throws Exception {
        for (RunResult r : crash(new FlockSeekTruncate(), CrashPlan.atStep(Step.AFTER_TRUNCATE, 1))) {
            assertEquals(Verdict.CORRUPT, r.judgement().verdict(), r.toString());
            assertEquals(1, r.observed().crashes().kills());
            assertTrue(r.judgement().claimHeld(), "flock+seek/truncate does not claim to survive crashes");
        }
    }

    /**
     * Random kills land where a writer spends its time. The truncate-to-written window is a few
     * microseconds of an update; held open at mid-write for 20 ms, as a slow disk or a preempted
     * writer would hold it, it is nearly all of the lock holder's update, and a kill at a random
     * moment lands in it. At 10 kills a second the first kill falls within the run, at a moment
     * drawn from the run's seed; killing the writer that waits for the lock changes nothing,
     * killing the holder leaves its file half written. Ten at most: each killed writer is a new
     * JVM to start.
     */
    @Test
    void randomCrashesCatchSeekTruncateMidWriteWhenTheWindowIsHeldOpen() throws Exception {
        List<RunResult> results = lab.repeat(RUNS, "processes",
                file -> RunSpec.of(new FlockSeekTruncate(), new Keys(), 2, 20, file)
                        .withCrash(CrashPlan.random(10, 10)).withPauses(List.of(new Pause(Step.MID_WRITE, 20_000))));
        for (RunResult r : results) {
            assertTrue(r.observed().crashes().kills() > 0, "no kill in " + r);
            assertTrue(r.observed().crashes().kills() <= 10, "ten kills at most: " + r);
            assertEquals(Verdict.CORRUPT, r.judgement().verdict(), "a random kill mid-write: " + r);
        }
    }

    /** Held open for 500 us at mid-write, the window a crash before the rename would hit. */
    private static final List<Pause> HOLD_MID_WRITE = List.of(new Pause(Step.MID_WRITE, 500));

    @Test
    void theCrashDriverCatchesEveryStrategyThatDoesNotClaimToSurviveCrashes() throws Exception {
        // One crash at every step: whichever window a strategy leaves open, a crash lands in it.
        for (var strategy : clobber.strategy.Strategies.all()) {
            RunResult r = lab.run("crash", file -> RunSpec.of(strategy, clobber.workload.Workload.defaultFor(strategy), 8, 30, file)
                    .withLimits(new RunSpec.Limits(java.time.Duration.ofMinutes(2), java.time.Duration.ofSeconds(3))));
            assertTrue(r.judgement().claimHeld(), strategy.name() + ": " + r);
            assertTrue(r.observed().crashes().kills() > 0, strategy.name() + ": " + r);
        }
    }

    /**
     * Fewer writers than crash steps: the steps every update passes (after-read, mid-write) go out
     * first, so two writers crash create-exclusive, which marks no other. Handed out in the
     * shuffle's order, two of the six steps miss both with probability C(4,2)/C(6,2) = 2/5, and
     * such a run kills nobody: INCONCLUSIVE.
     */
    @Test
    void twoWritersCrashAStrategyThatMarksOnlyTheStepsEveryUpdatePasses() throws Exception {
        var strategy = new clobber.strategy.CreateExclusive();
        List<RunResult> results = lab.repeat(5, "crash",
                file -> RunSpec.of(strategy, clobber.workload.Workload.defaultFor(strategy), 2, 20, file));
        for (RunResult r : results) {
            assertTrue(r.observed().crashes().kills() > 0, "no kill in " + r);
            assertEquals(Verdict.CORRUPT, r.judgement().verdict(), "a claimed name left empty or half written: " + r);
        }
    }

    @ParameterizedTest(name = "crash at {0}")
    @ValueSource(strings = {"after-lock", "after-read", "mid-write", "before-rename", "before-unlock", "random"})
    void lockFileAtomicReplaceSurvivesACrashAnywhere(String where) throws Exception {
        CrashPlan plan = where.equals("random") ? CrashPlan.random(10, 5) : CrashPlan.atStep(Step.labelled(where), 1);
        List<RunResult> results = lab.repeat(RUNS, "processes",
                file -> RunSpec.of(new LockFileAtomicReplace(), new Keys(), 2, 40, file).withCrash(plan).withPauses(HOLD_MID_WRITE));
        for (RunResult r : results) {
            assertEquals(0, r.damage().loss().unreadableFiles(), r.toString());
            assertEquals(0, r.damage().loss().atLeast(), "an acknowledged write was lost: " + r);
            assertEquals(Verdict.SAFE, r.judgement().verdict(), r.toString());
            if (!where.equals("random")) {
                assertEquals(1, r.observed().crashes().kills(), r.toString());
            }
            if (where.equals("mid-write") || where.equals("before-rename")) {
                assertEquals(1, r.observed().crashes().leftoverTempFiles(), "a crash before the rename leaves its temp file: " + r);
            }
        }
    }
}
