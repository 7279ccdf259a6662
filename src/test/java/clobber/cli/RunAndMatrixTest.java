package clobber.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunAndMatrixTest {

    @TempDir
    Path sandbox;

    @Test
    void matrixOverThreadsPrintsEveryStrategyAndWritesTheResultJson() throws Exception {
        Path cwd = Files.createDirectory(sandbox.resolve("cwd"));
        ClobberProcess p = ClobberProcess.run(cwd, "matrix", "--drivers", "threads", "--json", "results/matrix.json");
        assertEquals(0, p.exit(), p.out() + p.err()); // every verdict matched its claim
        List<String> strategies = clobber.strategy.Strategies.all().stream().map(clobber.strategy.WriteStrategy::name).toList();
        for (String strategy : strategies) {
            assertTrue(p.out().lines().anyMatch(line -> line.startsWith(strategy + " ")), strategy + " missing:\n" + p.out());
        }
        JsonNode results = new ObjectMapper().readTree(cwd.resolve("results/matrix.json").toFile());
        assertEquals("clobber matrix --drivers threads --json results/matrix.json", results.get("command").asText());
        JsonNode machine = results.get("machine");
        for (String field : List.of("cores", "os", "jdk", "filesystem")) {
            assertTrue(machine.hasNonNull(field), field);
        }
        JsonNode runs = results.get("runs");
        assertEquals(strategies.size(), runs.size());
        for (JsonNode run : runs) {
            for (String path : List.of("/subject/strategy", "/subject/driver", "/subject/workload", "/counts/writers",
                    "/counts/writesPerWriter", "/counts/attempted", "/counts/acknowledged", "/damage/loss/atLeast", "/damage/loss/atMost",
                    "/observed/failures/failedAttempts", "/observed/failures/givenUp", "/timing/opsPerSec", "/timing/latencyMicros/p99",
                    "/judgement/verdict", "/judgement/expected", "/judgement/claimHeld")) {
                assertFalse(run.at(path).isMissingNode(), path + " missing in " + run);
            }
            assertEquals(1000, run.at("/counts/attempted").asLong());
        }
        try (var left = Files.list(cwd)) {
            assertEquals(List.of(cwd.resolve("reports"), cwd.resolve("results")), left.sorted().toList(),
                    "only the result JSON and the report folder are written; scratch is elsewhere");
        }
    }

    @Test
    void repeatedRunsSayHowOftenEachVerdictCame() throws Exception {
        // A POSIX lock is the process's: two threads of one JVM both hold it, so the threads driver
        // loses writes. The strategy's claim drops "threads" with that lock, so this is expected: exit 0.
        Path cwd = Files.createDirectory(sandbox.resolve("cwd"));
        ClobberProcess p = ClobberProcess.run(cwd, "run", "--strategy", "lockfile+atomic-replace", "--lock", "posix",
                "--writers", "8", "--writes", "20", "--pause", "after-read:500", "--runs", "3");
        assertEquals(0, p.exit(), p.out() + p.err());
        assertTrue(p.out().contains("lockfile+atomic-replace --lock posix / threads: LOST_WRITES in 3/3"), p.out());
    }

    @Test
    void aStrategyFoundByClassNameThatBreaksItsClaimMakesTheExitCodeOne() throws Exception {
        Path cwd = Files.createDirectory(sandbox.resolve("cwd"));
        ClobberProcess p = ClobberProcess.run(cwd, "run", "--strategy", MisclaimedNoLock.class.getName(),
                "--writers", "8", "--writes", "20", "--pause", "after-read:500");
        assertEquals(1, p.exit(), p.out() + p.err());
        assertTrue(p.out().contains("BROKEN (expected SAFE)"), p.out());
    }
}
