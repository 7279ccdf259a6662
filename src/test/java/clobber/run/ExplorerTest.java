package clobber.run;

import clobber.check.LossStory;
import clobber.check.RunResult;

import clobber.driver.RunSpec;
import clobber.strategy.Step;
import clobber.strategy.Strategies;
import clobber.strategy.Verdict;
import clobber.strategy.WriteStrategy;
import clobber.workload.Workload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The explorer finds the losing interleaving of every broken shipped strategy every time, and its
 * replay loses the same write every time; it runs the whole space of the safe ones (2 writers x 2
 * updates) and finds nothing; and a writer stopped inside its critical section is a deadlock it
 * names, not a hang.
 */
@org.junit.jupiter.api.parallel.Isolated("its subject is timing: a stepped writer that no stop shows within a bound counts as blocked")
class ExplorerTest {
    @RegisterExtension
    static final SessionUnderTest LAB = new SessionUnderTest();

    private static final int RUNS = 10;
    /** Enough for the first bad schedule of every broken strategy: the search switches writers at every stop first. */
    private static final int FEW = 5;

    private static RunResult explore(String strategy, String driver, int updates, Exploration.Limits limits) throws Exception {
        WriteStrategy s = Strategies.named(strategy);
        Path dir = LAB.directory("explore");
        return Exploration.explore(LAB.driver(driver), RunSpec.of(s, Workload.defaultFor(s), 2, updates, dir.resolve("data.json")), limits);
    }

    @ParameterizedTest(name = "{0} under {1}")
    @CsvSource({"no-lock, threads", "flock-data-file+replace, threads", "exists-then-create, threads",
            "jvm-lock-only, processes", "posix-lock-close-drops, processes"})
    void findsALosingScheduleEveryTimeAndItsReplayLosesTheSameWrite(String strategy, String driver) throws Exception {
        String shortest = null;
        for (int run = 0; run < RUNS; run++) {
            RunResult.Exploration found = explore(strategy, driver, 1, new Exploration.Limits(FEW, null, null)).exploration();
            assertTrue(found.badByVerdict().getOrDefault(Verdict.LOST_WRITES, 0L) > 0, "run " + run + ": " + found);
            assertTrue(found.firstBadMillis() < 5_000, "first bad after " + found.firstBadMillis() + " ms");
            assertTrue(shortest == null || shortest.equals(found.shortestBadSchedule()), "the search is deterministic");
            shortest = found.shortestBadSchedule();
        }
        List<LossStory.Event> story = null;
        for (int run = 0; run < RUNS; run++) {
            RunResult replay = explore(strategy, driver, 1, new Exploration.Limits(1, Schedule.parse(shortest, 2), null));
            assertEquals(1, replay.exploration().schedules());
            assertEquals(Verdict.LOST_WRITES, replay.judgement().verdict(), "replay " + run + " of " + shortest);
            assertEquals(1, replay.damage().loss().atLeast());
            assertNotNull(replay.damage().lossStory());
            List<LossStory.Event> whoAndWhat = replay.damage().lossStory().stream()
                    .map(e -> new LossStory.Event(e.writer(), e.role(), e.action(), 0, e.fields())).toList();
            assertTrue(story == null || story.equals(whoAndWhat), "the same write is lost, by the same eraser: " + whoAndWhat);
            story = whoAndWhat;
        }
    }

    @ParameterizedTest(name = "{0} under {1}")
    @CsvSource({"lockfile+atomic-replace, threads", "flock+seek/truncate, threads", "create-exclusive, threads",
            "lockfile+atomic-replace, processes", "flock+seek/truncate, processes", "create-exclusive, processes"})
    void runsTheWholeSpaceOfASafeStrategyAndFindsNothingBad(String strategy, String driver) throws Exception {
        RunResult result = explore(strategy, driver, 2, new Exploration.Limits(5_000, null, null));
        RunResult.Exploration space = result.exploration();
        assertFalse(space.searchBounded(), "exhaustive");
        assertEquals(0, space.badSchedules(), space.toString());
        assertEquals(0, space.diverged(), "every replayed prefix met the same choices");
        assertEquals(Verdict.SAFE, result.judgement().verdict());
        assertTrue(space.schedules() > 100 && space.equivalentSkipped() > 0, space.toString());
        assertTrue(space.millis() < 60_000, space.millis() + " ms");
    }

    @Test
    void aWriterStoppedInsideItsCriticalSectionIsADeadlockThatNamesTheWaiterAndTheHolder() throws Exception {
        RunResult result = explore("lockfile-exists-mutex", "threads", 1, new Exploration.Limits(3, null, Step.AFTER_LOCK));
        assertEquals(Verdict.STALLED, result.judgement().verdict());
        assertTrue(result.observed().stalled().contains("W1 waits since before-lock of update 1"), result.observed().stalled());
        assertTrue(result.observed().stalled().contains("W0 is stopped for good at after-lock of update 1, inside its critical section"), result.observed().stalled());
        assertEquals(3, result.exploration().badByVerdict().get(Verdict.STALLED));
    }
}
