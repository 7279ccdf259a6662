package clobber.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The drivers on real file systems of clobber's own, as a user runs them (clobber starts itself
 * again in a private namespace): power cuts recorded from the kernel judge the careful patterns
 * safe on ext4, xfs and btrfs, with Java writers and the Python reference writer sharing the file,
 * and find the empty data.json that a rename without fsyncs leaves on ext4 with noauto_da_alloc
 * and on xfs; the faults driver tells a failed fsync retried from one that is not; and a SIGKILL
 * of clobber mid-run leaves no mount and no loop device behind.
 */
@org.junit.jupiter.api.parallel.ResourceLock(clobber.SharedResources.REAL_FILE_SYSTEMS)
class RealFsDriversTest {
    private static final String PYTHON = "/usr/bin/python3 " + Path.of("src/main/writers/python/atomic_json_update.py").toAbsolutePath()
            + " {file} {writer} {count}";

    @TempDir
    Path sandbox;

    private List<JsonNode> matrix(String label, String... args) throws Exception {
        Path cwd = Files.createDirectory(sandbox.resolve(label));
        List<String> all = new ArrayList<>(List.of("matrix", "--json", "result.json"));
        all.addAll(List.of(args));
        ClobberProcess p = ClobberProcess.run(cwd, all.toArray(String[]::new));
        assertEquals(0, p.exit(), "every claim holds: " + p.out() + p.err());
        p.assertNoSurvivor("a process outlived clobber");
        List<JsonNode> runs = new ArrayList<>();
        new ObjectMapper().readTree(cwd.resolve("result.json").toFile()).get("runs").forEach(runs::add);
        return runs;
    }

    /**
     * Java writers and the Python reference writer on one file: on ext4 both careful patterns, two
     * Java writers beside the Python one, two updates each; on xfs and btrfs, whose states cost
     * more to mount, one beside it, one update each. Every prefix of the log is a state; the
     * lost-write sets are bounded (4 a flush).
     */
    @Test
    void recordedPowerCutsFindTheCarefulPatternsSafeOnEveryFileSystem() throws Exception {
        for (String fs : List.of("ext4", "xfs", "btrfs")) {
            boolean ext4 = fs.equals("ext4");
            List<JsonNode> runs = matrix("safe-" + fs, "--strategies", ext4 ? "lockfile+atomic-replace,group-commit" : "lockfile+atomic-replace",
                    "--drivers", "powerloss", "--fs", fs, "--writers", ext4 ? "2" : "1", "--writes", ext4 ? "2" : "1", "--writer-cmd", PYTHON,
                    "--max-states", "4");
            assertEquals(ext4 ? 2 : 1, runs.size());
            for (JsonNode run : runs) {
                String what = fs + " " + run.at("/subject/strategy").asText() + ": " + run;
                assertEquals("SAFE", run.at("/judgement/verdict").asText(), what);
                assertEquals(0, run.at("/damage/powerLoss/badCrashStates").asLong(), what);
                assertTrue(run.at("/damage/powerLoss/crashPoints").asLong() > 10, what);
                assertEquals(ext4 ? 6 : 2, run.at("/counts/acknowledged").asLong(), "every writer's updates: " + what);
            }
        }
    }

    @Test
    void aRenameWithoutFsyncsLeavesAnEmptyDataFileOnNoautoDaAllocAndOnXfs() throws Exception {
        for (String fs : List.of("ext4:noauto_da_alloc", "xfs")) {
            JsonNode run = matrix("empty-" + fs.replace(':', '_'), "--strategies", "lockfile+replace-no-fsync", "--drivers", "powerloss",
                    "--fs", fs, "--writers", "1", "--writes", "3").getFirst();
            assertEquals("CORRUPT", run.at("/judgement/verdict").asText(), fs + ": " + run);
            assertTrue(run.at("/damage/powerLoss/firstBadState/outcome").asText().contains("empty file"), fs + ": " + run);
        }
    }

    @Test
    void theFaultsDriverTellsAFailedFsyncRetriedFromOneThatIsNot() throws Exception {
        List<JsonNode> runs = matrix("faults", "--strategies", "lockfile+fsync-retry,lockfile+atomic-replace,flock+seek/truncate",
                "--drivers", "faults", "--writers", "2", "--writes", "15");
        for (JsonNode run : runs) {
            String strategy = run.at("/subject/strategy").asText();
            String verdict = run.at("/judgement/verdict").asText();
            switch (strategy) {
                case "lockfile+fsync-retry" -> {
                    assertTrue(List.of("CORRUPT", "LOST_WRITES").contains(verdict), "acknowledged after a failed fsync: " + run);
                    assertTrue(run.at("/damage/powerLoss/badCrashStates").asLong() > 0, run.toString());
                }
                case "lockfile+atomic-replace" -> {
                    assertEquals("ERRORS", verdict, "a failed fsync and a full disk are errors, nothing lost: " + run);
                    assertEquals(0, run.at("/damage/powerLoss/badCrashStates").asLong(), run.toString());
                    assertEquals(0, run.at("/damage/loss/atMost").asLong(), run.toString());
                }
                case "flock+seek/truncate" -> assertEquals("CORRUPT", verdict, "a full disk after the truncate: " + run);
                default -> throw new AssertionError(strategy);
            }
        }
        assertEquals(3, runs.size());
    }

    /** SIGKILL of clobber while a recorded run writes: the namespace dies with it, and its mounts and loop devices go. */
    @Test
    void sigkillOfClobberMidRunLeavesNoMountAndNoLoopDevice() throws Exception {
        Path cwd = Files.createDirectory(sandbox.resolve("killed"));
        Path scratch = cwd.resolve("scratch");
        ClobberProcess p = ClobberProcess.run(cwd, 4, clobber -> clobber.toHandle().destroyForcibly(),
                "run", "--strategy", "lockfile+atomic-replace", "--driver", "faults", "--writers", "4", "--writes", "30",
                "--dir", scratch.toString());
        p.assertNoSurvivor("a process outlived clobber");
        long deadline = System.nanoTime() + 10_000_000_000L;
        List<String> left;
        do {
            left = leftovers(scratch);
            Thread.sleep(100);
        } while (!left.isEmpty() && System.nanoTime() < deadline);
        assertEquals(List.of(), left, "mounts or loop devices of clobber's file systems");
    }

    /** Mounts under {@code scratch} in any process's view, and loop devices bound to images there: this run's, no other's. */
    private static List<String> leftovers(Path scratch) throws Exception {
        List<String> left = new ArrayList<>();
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path proc : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    Files.readAllLines(proc.resolve("mountinfo")).stream().filter(line -> line.contains(scratch.toString()))
                            .forEach(line -> left.add(proc.getFileName() + ": " + line));
                } catch (java.io.IOException gone) {
                    // the process ended meanwhile
                }
            }
        }
        try (var loops = Files.list(Path.of("/sys/block"))) {
            for (Path loop : loops.filter(p -> p.getFileName().toString().startsWith("loop")).toList()) {
                Path backing = loop.resolve("loop/backing_file");
                if (Files.exists(backing) && Files.readString(backing).contains(scratch.toString())) {
                    left.add(loop.getFileName() + " -> " + Files.readString(backing).strip());
                }
            }
        }
        return left;
    }
}
