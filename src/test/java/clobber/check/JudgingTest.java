package clobber.check;

import clobber.strategy.Condition;
import clobber.strategy.LockFileAtomicReplace;
import clobber.strategy.Verdict;
import clobber.strategy.WriteStrategy;
import clobber.workload.Acknowledged;
import clobber.workload.Counter;
import clobber.workload.Keys;
import clobber.workload.Workload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The judge says what the state shows and no more: nothing acknowledged proves nothing, a counter
 * bounds its loss, a garbled file is corrupt; and every verdict has its rule, tried in order.
 */
class JudgingTest {

    @TempDir
    Path dir;

    /** What a driver would report: these acks, these failures, nothing else. */
    private static Evidence outcome(Acknowledged acked, Failures failures) {
        return Evidence.of(new Evidence.Writes(acked, acked.count() + failures.givenUp(), failures, List.of()),
                new Evidence.Pace(new org.HdrHistogram.Histogram(3), 1_000_000, 1.0));
    }

    private static Evidence outcome(Acknowledged acked) {
        return outcome(acked, Failures.NONE);
    }

    /** A run of {@code writers} x {@code writes} of {@code workload} under threads, whose data file holds {@code content}. */
    private RunResult judge(Workload workload, int writers, int writes, String content, Evidence outcome) throws Exception {
        return judge(workload, writers, writes, content, outcome, Set.of(Condition.THREADS));
    }

    /** As above, under {@code conditions}. */
    private RunResult judge(Workload workload, int writers, int writes, String content, Evidence outcome,
                            Set<Condition> conditions) throws Exception {
        Path file = dir.resolve("data.json");
        Files.writeString(file, content);
        WriteStrategy strategy = new LockFileAtomicReplace();
        RunResult.Subject subject = new RunResult.Subject(strategy.name(), "flock", "threads", workload.name(), null, 0, null);
        return Judge.judge(new Judge.Trial(subject, strategy.claim(), conditions, workload, file, writers, writes, writers),
                outcome);
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
        Workload workload = new Keys();
        int writers = 2, writes = 5;
        RunResult r = judge(workload, writers, writes, "{}", outcome(new Acknowledged(2)));
        assertEquals(Verdict.INCONCLUSIVE, r.judgement().verdict(), r.toString());
        assertFalse(r.judgement().claimHeld(), "a strategy that claims threads has shown nothing by acknowledging nothing");
    }

    @Test
    void aCounterThatMayHideALossBehindAFailedAttemptIsReportedAsABound() throws Exception {
        // Five increments acknowledged, one attempt failed: a counter of 5 is the five acked ones,
        // or four of them and the failed attempt, which committed before it failed.
        Workload workload = new Counter();
        int writers = 1, writes = 6;
        RunResult r = judge(workload, writers, writes, "{\"counter\":5}", outcome(acked(1, 5), new Failures(1, 0, "IOException: after the rename")));
        assertEquals(0, r.damage().loss().atLeast());
        assertEquals(1, r.damage().loss().atMost());
        assertFalse(r.damage().loss().exact());
        assertEquals(Verdict.INCONCLUSIVE, r.judgement().verdict(), "nothing proves the five acked increments are there: " + r);
        assertEquals("0..1", r.damage().loss().figure());
    }

    @Test
    void aCounterWithNoUnacknowledgedAttemptIsExact() throws Exception {
        Workload workload = new Counter();
        int writers = 1, writes = 5;
        RunResult safe = judge(workload, writers, writes, "{\"counter\":5}", outcome(acked(1, 5)));
        assertEquals(Verdict.SAFE, safe.judgement().verdict());
        assertTrue(safe.damage().loss().exact());
        RunResult lost = judge(workload, writers, writes, "{\"counter\":3}", outcome(acked(1, 5)));
        assertEquals(Verdict.LOST_WRITES, lost.judgement().verdict());
        assertEquals("2", lost.damage().loss().figure());
    }

    @Test
    void aCounterAboveEveryAttemptIsDuplicatedWritesNotClampedAway() throws Exception {
        Workload workload = new Counter();
        int writers = 1, writes = 5;
        RunResult r = judge(workload, writers, writes, "{\"counter\":9}", outcome(acked(1, 5)));
        assertEquals(4, r.damage().loss().surplus());
        assertEquals(Verdict.DUPLICATED_WRITES, r.judgement().verdict(), r.toString());
        assertFalse(r.judgement().claimHeld());
    }

    /** An attempt that failed and succeeded when tried again is a retry, not an error; ERRORS is for updates given up. */
    @Test
    void retriedAttemptsAreCountedButOnlyGivenUpUpdatesAreErrors() throws Exception {
        Workload workload = new Keys();
        int writers = 1, writes = 5;
        String all = "{\"w0-0\":0,\"w0-1\":1,\"w0-2\":2,\"w0-3\":3,\"w0-4\":4}";
        RunResult retried = judge(workload, writers, writes, all, outcome(acked(1, 5), new Failures(3, 0, "IOException: busy")));
        assertEquals(Verdict.SAFE, retried.judgement().verdict(), retried.toString());
        assertEquals(3, retried.observed().failures().failedAttempts());
        RunResult gaveUp = judge(workload, writers, writes, all, outcome(acked(1, 4), new Failures(5, 1, "IOException: busy")));
        assertEquals(Verdict.ERRORS, gaveUp.judgement().verdict(), gaveUp.toString());
    }

    @Test
    void anUnreadableDataFileIsCorruptAndItsLossUncountedNotAllLost() throws Exception {
        Workload workload = new Keys();
        int writers = 2, writes = 5;
        RunResult r = judge(workload, writers, writes, "{\"w0-1\":1}\"w1-0\":0}", outcome(acked(2, 5)));
        assertEquals(Verdict.CORRUPT, r.judgement().verdict());
        assertTrue(r.damage().loss().uncounted());
        assertEquals("unreadable", r.damage().loss().figure());
        assertEquals(0, r.damage().loss().atLeast());
        assertEquals(10, r.damage().loss().atMost());
        assertTrue(r.damage().loss().firstUnreadable().startsWith("data.json: not JSON"), r.damage().loss().firstUnreadable());
    }

    /** What a strategy's files show where the disk was full proves nothing of it: the cause is the verdict's, not the damage. */
    @Test
    void aRunWhoseConditionsWereNotKeptIsInconclusiveWhateverItsFilesShow() throws Exception {
        Workload workload = new Keys();
        Evidence full = outcome(acked(2, 5), new Failures(7, 2, "IOException: No space left on device"))
                .unkept(new Unkept(Unkept.Cause.OUT_OF_SPACE, "the disk filled up"));
        RunResult r = judge(workload, 2, 5, "{\"w0-1\":1}\"w1-0\":0}", full);
        assertEquals(Verdict.INCONCLUSIVE, r.judgement().verdict(), r.toString());
        assertEquals("the disk filled up", r.observed().environment());
        assertTrue(r.damage().loss().uncounted(), "the damage is still shown as it is: " + r);
        assertEquals(java.util.Set.of(Unproven.CONDITIONS_NOT_KEPT), r.judgement().unproven());
    }

    /**
     * The faults driver fills the disk on purpose: there a full disk is the condition the run
     * kept, and the files are judged; a writer killed from outside still makes it INCONCLUSIVE.
     */
    @Test
    void aDiskFilledOnPurposeIsTheFaultsRunsConditionNotOneLost() throws Exception {
        Set<Condition> faults = Set.of(Condition.PROCESSES, Condition.FAULTS);
        Evidence full = outcome(acked(2, 5), new Failures(7, 2, "IOException: No space left on device"))
                .unkept(new Unkept(Unkept.Cause.OUT_OF_SPACE, "the disk filled up"));
        RunResult corrupt = judge(new Keys(), 2, 5, "{\"w0-1\":1}\"w1-0\":0}", full, faults);
        assertEquals(Verdict.CORRUPT, corrupt.judgement().verdict(), corrupt.toString());
        assertEquals(null, corrupt.observed().environment());
        RunResult killed = judge(new Keys(), 2, 5, "{\"w0-1\":1}\"w1-0\":0}",
                full.unkept(new Unkept(Unkept.Cause.KILLED_FROM_OUTSIDE, "W1 was killed by SIGKILL")), faults);
        assertEquals(Verdict.INCONCLUSIVE, killed.judgement().verdict(), killed.toString());
        assertEquals("W1 was killed by SIGKILL", killed.observed().environment());
    }

    /** The rules are written once, one a verdict, and the first that applies, worst first, decides. */
    @Test
    void everyVerdictHasItsRuleAndTheWorstThatAppliesDecides() {
        assertEquals(java.util.EnumSet.allOf(Verdict.class), Judge.RULES.keySet());
        clobber.workload.Loss allWrong = new clobber.workload.Loss(1, 1, 1, 1, "garbled", false);
        Set<Unproven> proven = Set.of();
        Set<Unproven> nothing = Set.of(Unproven.NOTHING_ACKNOWLEDGED);
        assertEquals(Verdict.STALLED, Judge.verdict(new Judge.Findings("no progress", allWrong, 1, 1, 1, 1, nothing)));
        assertEquals(Verdict.CORRUPT, Judge.verdict(new Judge.Findings(null, allWrong, 1, 1, 1, 1, nothing)));
        assertEquals(Verdict.LOST_WRITES, Judge.verdict(new Judge.Findings(null, clobber.workload.Loss.between(1, 1, 1), 1, 1, 1, 1, nothing)));
        assertEquals(Verdict.DUPLICATED_WRITES, Judge.verdict(new Judge.Findings(null, clobber.workload.Loss.between(0, 0, 1), 1, 1, 1, 1, nothing)));
        clobber.workload.Loss none = clobber.workload.Loss.exactly(0);
        assertEquals(Verdict.TORN_READS, Judge.verdict(new Judge.Findings(null, none, 1, 1, 1, 1, nothing)));
        assertEquals(Verdict.OVERLAPS, Judge.verdict(new Judge.Findings(null, none, 0, 1, 1, 1, nothing)));
        assertEquals(Verdict.UNSAFE_LOCKING, Judge.verdict(new Judge.Findings(null, none, 0, 0, 1, 1, nothing)));
        assertEquals(Verdict.ERRORS, Judge.verdict(new Judge.Findings(null, none, 0, 0, 0, 1, nothing)));
        assertEquals(Verdict.INCONCLUSIVE, Judge.verdict(new Judge.Findings(null, none, 0, 0, 0, 0, nothing)));
        assertEquals(Verdict.SAFE, Judge.verdict(new Judge.Findings(null, none, 0, 0, 0, 0, proven)));
        assertEquals(Verdict.INCONCLUSIVE, Judge.verdict(Judge.Findings.unkept()));
    }

    /** A crash run that killed nobody has not shown what a crash does: INCONCLUSIVE, saying so, never SAFE. */
    @Test
    void aCrashRunThatKilledNobodyIsInconclusiveAndSaysSo() throws Exception {
        Path file = dir.resolve("data.json");
        Files.writeString(file, "{\"w0-0\":0,\"w0-1\":1}");
        WriteStrategy strategy = new clobber.strategy.FlockSeekTruncate();
        RunResult.Subject subject = new RunResult.Subject(strategy.name(), "flock", "crash", "keys", "1 x in-place", 0, null);
        Judge.Trial trial = new Judge.Trial(subject, strategy.claim(), Set.of(Condition.PROCESSES, Condition.CRASH), new Keys(),
                file, 1, 2, 0);
        RunResult untested = Judge.judge(trial, outcome(acked(1, 2)));
        assertEquals(Verdict.INCONCLUSIVE, untested.judgement().verdict(), untested.toString());
        assertEquals(Set.of(Unproven.NO_CRASH), untested.judgement().unproven());
        assertFalse(untested.judgement().claimHeld(), "a claim of CORRUPT under crash is neither held nor shown false by no crash");
        RunResult killed = Judge.judge(trial, outcome(acked(1, 2)).killed(1));
        assertEquals(Verdict.SAFE, killed.judgement().verdict(), "with a kill the same state is a crash survived: " + killed);
        assertEquals(null, killed.judgement().unproven());
    }
}
