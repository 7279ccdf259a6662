package clobber.cli;

import clobber.driver.hosts.SharedFileSystem;
import clobber.os.Leftovers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One pattern, three file systems, three outcomes, each the strategy's claim: lockfile+atomic-
 * replace is SAFE on CephFS, fails with stale file handles on GlusterFS and loses writes on
 * sshfs with no error at all; group-commit, which lists the directory under its lock, is SAFE
 * on GlusterFS too, and loses writes on sshfs as well, its lock being no lock there. One matrix
 * per file system, one bring-up each; a run that ends leaves nothing of its hosts behind.
 */
@org.junit.jupiter.api.parallel.ResourceLock(clobber.SharedResources.HOSTS)
class SharedFsVerdictsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The verdict of each strategy on each file system, as measured (docs/scale.md) and claimed. */
    private static final Map<SharedFileSystem, Map<String, String>> VERDICTS = Map.of(
            SharedFileSystem.GLUSTERFS, Map.of("lockfile+atomic-replace", "ERRORS", "group-commit", "SAFE",
                    "flock-data-file+replace", "LOST_WRITES"),
            SharedFileSystem.CEPHFS, Map.of("lockfile+atomic-replace", "SAFE", "group-commit", "SAFE",
                    "flock-data-file+replace", "LOST_WRITES"),
            SharedFileSystem.SSHFS, Map.of("lockfile+atomic-replace", "LOST_WRITES", "group-commit", "LOST_WRITES",
                    "flock-data-file+replace", "LOST_WRITES"));

    @TempDir
    Path sandbox;

    @ParameterizedTest
    @EnumSource(SharedFileSystem.class)
    void eachStrategyComesOutAsItsClaimSaysOfThatFileSystem(SharedFileSystem fs) throws Exception {
        ServedHere.required(fs);
        Path cwd = Files.createDirectory(sandbox.resolve(fs.label()));
        Path json = sandbox.resolve(fs.label() + ".json");
        ClobberProcess p = ClobberProcess.run(cwd, "matrix", "--drivers", "hosts", "--shared-fs", fs.label(),
                "--strategies", String.join(",", VERDICTS.get(fs).keySet().stream().sorted().toList()),
                "--writers", "4", "--writes", "25", "--json", json.toString());
        assertEquals(0, p.exit(), "every claim held: " + p.out() + p.err());
        Map<String, JsonNode> runs = new HashMap<>();
        JSON.readTree(json.toFile()).get("runs").forEach(run -> runs.put(run.at("/subject/strategy").asText(), run));
        VERDICTS.get(fs).forEach((strategy, verdict) ->
                assertEquals(verdict, runs.get(strategy).at("/judgement/verdict").asText(), strategy + " on " + fs.label() + ": " + p.out()));
        JsonNode replace = runs.get("lockfile+atomic-replace");
        if (fs == SharedFileSystem.CEPHFS) {
            assertEquals(0, replace.at("/damage/loss/atMost").asInt(), "not one acknowledged update lost on CephFS");
            assertEquals(100, replace.at("/counts/acknowledged").asInt());
        }
        if (fs == SharedFileSystem.SSHFS) {
            assertTrue(replace.at("/damage/loss/atLeast").asInt() > 0, "updates lost on sshfs");
            // and no update given up to say so: at most a retried attempt, which its caller never sees
            assertEquals(0, replace.at("/observed/failures/givenUp").asInt(), "and not one error to say so");
        }
        assertEquals(List.of(), Leftovers.present(), "the run left nothing of its hosts");
        p.assertNoSurvivor("a worker outlived clobber");
    }
}
