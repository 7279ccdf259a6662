package clobber.driver.process;

import clobber.check.RunResult;
import clobber.driver.CrashPlan;
import clobber.driver.ExternalWriters;
import clobber.driver.RunSpec;
import clobber.os.LockPrimitive;
import clobber.run.DriverOptions;
import clobber.run.SessionUnderTest;
import clobber.strategy.CreateExclusive;
import clobber.strategy.LockFileAtomicReplace;
import clobber.strategy.Step;
import clobber.strategy.Verdict;
import clobber.workload.Create;
import clobber.workload.Keys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs judged as their layout and their files deserve: junk after an external writer's JSON is a
 * corrupt file, a record half-made by a killed writer is one bad record, and the conditions a run
 * imposes are those of its real layout.
 */
class ProcessJudgingTest {

    @RegisterExtension
    static final SessionUnderTest lab = new SessionUnderTest();

    @Test
    void anExternalWriterThatLeavesJunkAfterItsJsonMakesTheFileCorrupt() throws Exception {
        String junk = "python3 " + Path.of("src/test/resources/writers/trailing_junk.py").toAbsolutePath() + " {file} {writer} {count}";
        RunResult r = lab.run("processes", file -> RunSpec.of(new LockFileAtomicReplace(), new Keys(), 1, 5, file)
                        .withExternal(new ExternalWriters(junk, 1)));
        assertEquals(Verdict.CORRUPT, r.judgement().verdict(), r.toString());
        assertTrue(r.damage().loss().uncounted(), r.toString());
    }

    /**
     * A writer killed after it claimed its record's name and before it wrote leaves an empty
     * record: one unreadable file, which no acknowledged write was in. Every acknowledged record
     * is still there, so nothing is lost.
     */
    @Test
    void aCrashMidRecordLeavesOneUnreadableRecordAndLosesNoAcknowledgedOne() throws Exception {
        for (int i = 0; i < 3; i++) {
            int seed = i;
            RunResult r = lab.run("processes", file -> RunSpec.of(new CreateExclusive(), new Create(), 2, 40, file)
                    .withCrash(CrashPlan.atStep(Step.AFTER_READ, 1)).withSeed(seed));
            assertEquals(1, r.observed().crashes().kills(), r.toString());
            assertTrue(r.damage().loss().exact(), r.toString());
            assertEquals(0, r.damage().loss().atLeast(), "no acknowledged record may be counted lost: " + r);
            assertEquals(1, r.damage().loss().unreadableFiles(), r.toString());
            assertTrue(r.damage().loss().firstUnreadable().contains("empty file"), r.damage().loss().firstUnreadable());
            assertEquals(Verdict.CORRUPT, r.judgement().verdict());
            assertTrue(r.counts().acknowledged() >= 78, r.toString());
        }
    }

    /** Four JVMs of one writer each: no two writers share a process, so a process-owned lock is enough. */
    @Test
    void mixedWithOneWriterPerJvmImposesOnlyProcesses() throws Exception {
        var posix = new LockFileAtomicReplace().withLock(LockPrimitive.named("posix"));
        RunSpec spread = RunSpec.of(posix, new Keys(), 4, 50, lab.directory("spread").resolve("data.json"));
        assertEquals(java.util.Set.of(clobber.strategy.Condition.PROCESSES), lab.driver("mixed").conditions(spread));
        RunResult r = lab.run("mixed", spread);
        assertEquals(Verdict.SAFE, r.judgement().verdict(), r.toString());
        assertTrue(r.judgement().claimHeld(), r.toString());
        RunSpec shared = RunSpec.of(posix, new Keys(), 4, 50, Path.of("data.json"));
        assertEquals(java.util.Set.of(clobber.strategy.Condition.THREADS, clobber.strategy.Condition.PROCESSES),
                lab.driver("mixed", DriverOptions.DEFAULTS.withProcesses(2)).conditions(shared));
    }
}
