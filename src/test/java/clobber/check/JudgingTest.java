package clobber.check;

import clobber.strategy.Verdict;
import clobber.driver.CrashPlan;
import clobber.driver.DriverOutcome;
import clobber.driver.ExternalWriters;
import clobber.driver.Failures;
import clobber.driver.Reads;
import clobber.driver.ProcessDriver;
import clobber.driver.RunSpec;
import clobber.driver.ThreadDriver;
import clobber.os.LockPrimitive;
import clobber.strategy.CreateExclusive;
import clobber.strategy.LockFileAtomicReplace;
import clobber.strategy.Step;
import clobber.workload.Acknowledged;
import clobber.workload.Counter;
import clobber.workload.Create;
import clobber.workload.Keys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The checker says what the state shows and no more: nothing acknowledged proves nothing, a
 * counter bounds its loss, a garbled file is corrupt, a bad record is one bad record, and the
 * conditions a run imposes are those of its real layout.
 */
class JudgingTest {

    @RegisterExtension
    static final SharedWorkerPool workers = new SharedWorkerPool();

    @TempDir
    Path dir;

    /** What a driver would report: these acks, these failures, nothing else. */
    private static DriverOutcome outcome(Acknowledged acked, Failures failures) {
        return new DriverOutcome(acked, acked.count() + failures.givenUp(), failures, new org.HdrHistogram.Histogram(3),
                1_000_000, 1.0, List.of(), null, Reads.NONE, 0, List.of(), null);
    }

    private static DriverOutcome outcome(Acknowledged acked) {
        return outcome(acked, Failures.NONE);
    }

    private RunResult judge(RunSpec spec, String content, DriverOutcome outcome) throws Exception {
        Files.writeString(spec.file(), content);
        return Experiment.judge(new ThreadDriver(), spec, outcome);
    }

    private static Acknowledged acked(int writers, int each) {
        Acknowledged acked = new Acknowledged(writers);
        for (int w = 0; w < writers; w++) {
            for (int seq = 0; seq < each; seq++) {
                acked.ack(w, seq);
            }
        }
        return acked;
    }

    @Test
    void aRunWithNothingAcknowledgedIsNeverSafe() throws Exception {
        RunSpec spec = RunSpec.of(new LockFileAtomicReplace(), new Keys(), 2, 5, dir.resolve("data.json"));
        RunResult r = judge(spec, "{}", outcome(new Acknowledged(2)));
        assertEquals(Verdict.INCONCLUSIVE, r.judgement().verdict(), r.toString());
        assertFalse(r.judgement().claimHeld(), "a strategy that claims threads has shown nothing by acknowledging nothing");
    }

    @Test
    void aCounterThatMayHideALossBehindAFailedAttemptIsReportedAsABound() throws Exception {
        // Five increments acknowledged, one attempt failed: a counter of 5 is the five acked ones,
        // or four of them and the failed attempt, which committed before it failed.
        RunSpec spec = RunSpec.of(new LockFileAtomicReplace(), new Counter(), 1, 6, dir.resolve("data.json"));
        RunResult r = judge(spec, "{\"counter\":5}", outcome(acked(1, 5), new Failures(1, 0, "IOException: after the rename")));
        assertEquals(0, r.loss().atLeast());
        assertEquals(1, r.loss().atMost());
        assertFalse(r.loss().exact());
        assertEquals(Verdict.INCONCLUSIVE, r.judgement().verdict(), "nothing proves the five acked increments are there: " + r);
        assertEquals("0..1", r.loss().figure());
    }

    @Test
    void aCounterWithNoUnacknowledgedAttemptIsExact() throws Exception {
        RunSpec spec = RunSpec.of(new LockFileAtomicReplace(), new Counter(), 1, 5, dir.resolve("data.json"));
        RunResult safe = judge(spec, "{\"counter\":5}", outcome(acked(1, 5)));
        assertEquals(Verdict.SAFE, safe.judgement().verdict());
        assertTrue(safe.loss().exact());
        RunResult lost = judge(spec, "{\"counter\":3}", outcome(acked(1, 5)));
        assertEquals(Verdict.LOST_WRITES, lost.judgement().verdict());
        assertEquals("2", lost.loss().figure());
    }

    @Test
    void aCounterAboveEveryAttemptIsDuplicatedWritesNotClampedAway() throws Exception {
        RunSpec spec = RunSpec.of(new LockFileAtomicReplace(), new Counter(), 1, 5, dir.resolve("data.json"));
        RunResult r = judge(spec, "{\"counter\":9}", outcome(acked(1, 5)));
        assertEquals(4, r.loss().surplus());
        assertEquals(Verdict.DUPLICATED_WRITES, r.judgement().verdict(), r.toString());
        assertFalse(r.judgement().claimHeld());
    }

    /** An attempt that failed and succeeded when tried again is a retry, not an error; ERRORS is for updates given up. */
    @Test
    void retriedAttemptsAreCountedButOnlyGivenUpUpdatesAreErrors() throws Exception {
        RunSpec spec = RunSpec.of(new LockFileAtomicReplace(), new Keys(), 1, 5, dir.resolve("data.json"));
        String all = "{\"w0-0\":0,\"w0-1\":1,\"w0-2\":2,\"w0-3\":3,\"w0-4\":4}";
        RunResult retried = judge(spec, all, outcome(acked(1, 5), new Failures(3, 0, "IOException: busy")));
        assertEquals(Verdict.SAFE, retried.judgement().verdict(), retried.toString());
        assertEquals(3, retried.failures().failedAttempts());
        RunResult gaveUp = judge(spec, all, outcome(acked(1, 4), new Failures(5, 1, "IOException: busy")));
        assertEquals(Verdict.ERRORS, gaveUp.judgement().verdict(), gaveUp.toString());
    }

    @Test
    void anUnreadableDataFileIsCorruptAndItsLossUncountedNotAllLost() throws Exception {
        RunSpec spec = RunSpec.of(new LockFileAtomicReplace(), new Keys(), 2, 5, dir.resolve("data.json"));
        RunResult r = judge(spec, "{\"w0-1\":1}\"w1-0\":0}", outcome(acked(2, 5)));
        assertEquals(Verdict.CORRUPT, r.judgement().verdict());
        assertTrue(r.loss().uncounted());
        assertEquals("unreadable", r.loss().figure());
        assertEquals(0, r.loss().atLeast());
        assertEquals(10, r.loss().atMost());
        assertTrue(r.loss().firstUnreadable().startsWith("data.json: not JSON"), r.loss().firstUnreadable());
    }

    @Test
    void anExternalWriterThatLeavesJunkAfterItsJsonMakesTheFileCorrupt() throws Exception {
        String junk = "python3 " + Path.of("src/test/resources/writers/trailing_junk.py").toAbsolutePath() + " {file} {writer} {count}";
        RunResult r = Experiment.run(ProcessDriver.processes(workers.pool()),
                RunSpec.of(new LockFileAtomicReplace(), new Keys(), 1, 5, dir.resolve("data.json"))
                        .withExternal(new ExternalWriters(junk, 1)));
        assertEquals(Verdict.CORRUPT, r.judgement().verdict(), r.toString());
        assertTrue(r.loss().uncounted(), r.toString());
    }

    /**
     * A writer killed after it claimed its record's name and before it wrote leaves an empty
     * record: one unreadable file, which no acknowledged write was in. Every acknowledged record
     * is still there, so nothing is lost.
     */
    @Test
    void aCrashMidRecordLeavesOneUnreadableRecordAndLosesNoAcknowledgedOne() throws Exception {
        for (int i = 0; i < 3; i++) {
            Path run = Files.createDirectories(dir.resolve("create-" + i));
            RunResult r = Experiment.run(ProcessDriver.processes(workers.pool()),
                    RunSpec.of(new CreateExclusive(), new Create(), 2, 40, run.resolve("data.json"))
                            .withCrash(CrashPlan.atStep(Step.AFTER_READ, 1)));
            assertEquals(1, r.crashes().kills(), r.toString());
            assertTrue(r.loss().exact(), r.toString());
            assertEquals(0, r.loss().atLeast(), "no acknowledged record may be counted lost: " + r);
            assertEquals(1, r.loss().unreadableFiles(), r.toString());
            assertTrue(r.loss().firstUnreadable().contains("empty file"), r.loss().firstUnreadable());
            assertEquals(Verdict.CORRUPT, r.judgement().verdict());
            assertTrue(r.counts().acknowledged() >= 78, r.toString());
        }
    }

    /** Four JVMs of one writer each: no two writers share a process, so a process-owned lock is enough. */
    @Test
    void mixedWithOneWriterPerJvmImposesOnlyProcesses() throws Exception {
        var posix = new LockFileAtomicReplace().withLock(LockPrimitive.named("posix"));
        RunSpec spread = RunSpec.of(posix, new Keys(), 4, 50, dir.resolve("spread.json"));
        assertEquals(java.util.Set.of(clobber.strategy.Condition.PROCESSES),
                ProcessDriver.mixed(workers.pool(), 4).conditions(spread));
        RunResult r = Experiment.run(ProcessDriver.mixed(workers.pool(), 4), spread);
        assertEquals(Verdict.SAFE, r.judgement().verdict(), r.toString());
        assertTrue(r.judgement().claimHeld(), r.toString());
        RunSpec shared = RunSpec.of(posix, new Keys(), 4, 50, dir.resolve("shared.json"));
        assertEquals(java.util.Set.of(clobber.strategy.Condition.THREADS, clobber.strategy.Condition.PROCESSES),
                ProcessDriver.mixed(workers.pool(), 2).conditions(shared));
    }
}
