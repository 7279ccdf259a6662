package clobber.driver.process;

import clobber.check.RunResult;
import clobber.check.Unproven;
import clobber.driver.CrashCall;
import clobber.driver.CrashPlan;
import clobber.driver.ExternalWriters;
import clobber.driver.RunSpec;
import clobber.run.SessionUnderTest;
import clobber.strategy.FlockSeekTruncate;
import clobber.strategy.Verdict;
import clobber.workload.Keys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * External writers crash as Java ones do: right after a chosen system call (strace stops the
 * writer as the call returns, and the driver kills it there), or at random moments. An in-place
 * writer killed right after its truncate leaves an empty file in every run, by design, not by
 * luck; a crash run whose point no writer reaches kills nobody, and says it proved nothing.
 */
class CrashExternalWritersTest {
    private static final String IN_PLACE = "/usr/bin/python3 " + Path.of("src/test/resources/writers/in_place.py").toAbsolutePath()
            + " {file} {writer} {count}";

    @RegisterExtension
    static final SessionUnderTest lab = new SessionUnderTest();

    /** Four in-place Python writers and no Java writer, judged by flock+seek/truncate's claim (CORRUPT under crash). */
    private static Function<Path, RunSpec> inPlace(CrashPlan plan) {
        return file -> {
            RunSpec spec = RunSpec.of(new FlockSeekTruncate(), new Keys(), 0, 25, file).withExternal(new ExternalWriters(IN_PLACE, 4));
            return plan == null ? spec : spec.withCrash(plan);
        };
    }

    @Test
    void anInPlaceWriterKilledRightAfterItsTruncateLeavesTheFileCorruptInEveryRun() throws Exception {
        List<RunResult> runs = lab.repeat(10, "crash", inPlace(CrashPlan.atCall(CrashCall.parse("ftruncate:1"), 1)));
        for (RunResult r : runs) {
            assertEquals(1, r.observed().crashes().kills(), r.toString());
            assertEquals(Verdict.CORRUPT, r.judgement().verdict(), r.toString());
            assertTrue(r.judgement().claimHeld(), r.toString());
        }
    }

    /**
     * The crash driver's own plan: each of the four writers is to be killed right after its first
     * call of one family. The in-place writer never renames or fsyncs; the one killed after its
     * truncate empties the file, and the writer meant to die after its first write dies there
     * only if it wrote before that, so one kill or two.
     */
    @Test
    void theCrashDriversOwnPlanKillsExternalWritersAtTheirCalls() throws Exception {
        for (RunResult r : lab.repeat(3, "crash", inPlace(null))) {
            int kills = r.observed().crashes().kills();
            assertTrue(kills == 1 || kills == 2, "after the first ftruncate, and maybe after the first write: " + r);
            assertEquals(Verdict.CORRUPT, r.judgement().verdict(), r.toString());
        }
    }

    @Test
    void aCrashPointNoWriterReachesKillsNobodyAndTheRunSaysItProvedNothing() throws Exception {
        RunResult r = lab.run("crash", inPlace(CrashPlan.atCall(CrashCall.parse("rename:1"), 1)));
        assertEquals(0, r.observed().crashes().kills(), r.toString());
        assertEquals(Verdict.INCONCLUSIVE, r.judgement().verdict(), "an untested crash is never survived: " + r);
        assertEquals(Set.of(Unproven.NO_CRASH), r.judgement().unproven());
        assertFalse(r.judgement().claimHeld(), r.toString());
    }

    /** Writers that can never finish: a kill at a random moment is the only way their run ends, and it takes their children. */
    @Test
    void randomKillsReachExternalWritersAndTheirWholeProcessGroup() throws Exception {
        String sleeper = "/usr/bin/python3 -c 'import sys, time; print(\"ready\", flush=True); sys.stdin.readline(); time.sleep(600)'"
                + " {file} & wait";
        Path[] data = new Path[1];
        RunResult r = lab.run("crash", file -> {
            data[0] = file.toAbsolutePath();
            return RunSpec.of(new FlockSeekTruncate(), new Keys(), 0, 5, file).withExternal(new ExternalWriters(sleeper, 2))
                    .withCrash(CrashPlan.random(1000, CrashPlan.UNBOUNDED));
        });
        assertEquals(2, r.observed().crashes().kills(), r.toString());
        assertTrue(ProcessHandle.allProcesses().noneMatch(p -> p.info().commandLine().orElse("").contains(data[0].toString())),
                "a killed writer's child is killed with it");
    }
}
