package clobber.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code clobber explore} and {@code gate --explore}: the result JSON's exploration figures, the
 * shortest bad schedule replayed by its {@code --schedule}, a deterministic gate, and bad input.
 */
@org.junit.jupiter.api.parallel.Isolated("its subject is timing: a stepped writer that no stop shows within a bound counts as blocked")
class ExploreCommandTest {
    @TempDir
    Path cwd;

    @Test
    void theShortestBadScheduleReplaysAsOneScheduleThatLosesTheSameWay() throws Exception {
        ClobberProcess explored = ClobberProcess.run(cwd, "explore", "--strategy", "flock-data-file+replace", "--json", "all.json");
        assertEquals(0, explored.exit(), explored.out() + explored.err()); // it claims to lose writes, and does
        JsonNode all = new ObjectMapper().readTree(cwd.resolve("all.json").toFile()).get("runs").get(0).get("exploration");
        assertFalse(all.get("searchBounded").asBoolean());
        assertTrue(all.get("schedules").asLong() > 1 && all.get("badSchedules").asLong() > 0, all.toString());
        assertTrue(all.has("equivalentSkipped"), all.toString());
        String spec = all.get("shortestBadSchedule").asText();
        assertTrue(explored.out().contains("--schedule " + spec), explored.out());

        ClobberProcess replayed = ClobberProcess.run(cwd, "explore", "--strategy", "flock-data-file+replace",
                "--schedule", spec, "--json", "one.json");
        assertEquals(0, replayed.exit(), replayed.out() + replayed.err());
        JsonNode one = new ObjectMapper().readTree(cwd.resolve("one.json").toFile()).get("runs").get(0);
        assertEquals(1, one.get("exploration").get("schedules").asLong());
        assertEquals(spec, one.get("exploration").get("shortestBadSchedule").asText());
        assertEquals("LOST_WRITES", one.get("judgement").get("verdict").asText());
    }

    @Test
    void gateExploreFailsABrokenStrategyAndPassesASafeOne() throws Exception {
        ClobberProcess broken = ClobberProcess.run(cwd, "gate", "--explore", "--strategy", "no-lock", "--max-schedules", "50");
        assertEquals(1, broken.exit(), broken.out() + broken.err());
        assertTrue(broken.out().contains("FAILS: no-lock under threads"), broken.out());
        assertTrue(broken.out().contains("shortest bad schedule (LOST_WRITES):"), broken.out());
        assertTrue(broken.out().contains("search cut by --max-schedules"), "a bound is reported as a bound: " + broken.out());

        ClobberProcess safe = ClobberProcess.run(cwd, "gate", "--explore", "--strategy", "lockfile+atomic-replace", "--drivers", "threads,processes");
        assertEquals(0, safe.exit(), safe.out() + safe.err());
        assertEquals(2, safe.out().lines().filter(l -> l.startsWith("explored lockfile+atomic-replace") && l.contains("none bad; search complete")).count(), safe.out());
        String junit = Files.readString(cwd.resolve("reports/latest/junit.xml"));
        assertTrue(junit.contains("explored lockfile+atomic-replace under processes"), junit);
    }

    @Test
    void aScheduleThatDoesNotFitIsOneLineExitTwoAndWritesNothing() throws Exception {
        for (String[] args : new String[][] {
                {"explore", "--strategy", "no-lock", "--schedule", "0x2,7"},
                {"explore", "--strategy", "no-lock", "--schedule", "0x40"},
                {"explore", "--strategy", "no-lock", "--driver", "crash"},
                {"explore", "--strategy", "no-lock", "--readers", "2"},
                {"explore", "--strategy", "no-lock", "--max-schedules", "0"},
                {"explore", "--strategy", "no-lock", "--stop-at", "nowhere"}}) {
            ClobberProcess p = ClobberProcess.run(cwd, args);
            assertEquals(2, p.exit(), String.join(" ", args) + ": " + p.out() + p.err());
            assertEquals(1, p.err().lines().count(), p.err());
            assertTrue(Files.notExists(cwd.resolve("reports")), String.join(" ", args) + " wrote a report");
        }
    }
}
