package clobber.driver.process;

import clobber.check.RunResult;
import clobber.check.TraceFinding;
import clobber.driver.ExternalWriters;
import clobber.driver.RunSpec;
import clobber.os.LockPrimitive;
import clobber.run.SessionUnderTest;
import clobber.strategy.FlockSeekTruncate;
import clobber.strategy.LockFileAtomicReplace;
import clobber.strategy.Strategies;
import clobber.strategy.Verdict;
import clobber.strategy.WriteStrategy;
import clobber.workload.Keys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The locks driver: every writer, Java workers and programs in any language, under strace, and
 * each change of the data file checked against the locks the kernel says it held. A bug whose
 * window is microseconds wide is in every run's trace, and a run that lost nothing this time is
 * still not SAFE.
 */
class LockTraceDriverTest {
    private static final String WRITERS = Path.of("src/test/resources/writers").toAbsolutePath().toString();
    private static final String UNLOCK_BEFORE_CLOSE = "/usr/bin/python3 " + WRITERS + "/unlock_before_close.py";

    @RegisterExtension
    static final SessionUnderTest lab = new SessionUnderTest();

    private static Set<TraceFinding.Kind> kinds(RunResult r) {
        return r.observed().traceFindings() == null ? Set.of()
                : r.observed().traceFindings().stream().map(TraceFinding::kind).collect(Collectors.toSet());
    }

    private static List<RunResult> twoPythonWriters(String command, int runs) throws Exception {
        return lab.repeat(runs, "locks", file -> RunSpec.of(new FlockSeekTruncate(), new Keys(), 0, 10, file)
                .withExternal(new ExternalWriters(command + " {file} {writer} {count}", 2)));
    }

    @Test
    void aBufferedWriteFlushedByTheCloseAfterTheUnlockIsFoundInEveryRun() throws Exception {
        for (RunResult r : twoPythonWriters(UNLOCK_BEFORE_CLOSE, 10)) {
            assertNotEquals(Verdict.SAFE, r.judgement().verdict(), r.toString());
            assertEquals(Set.of(TraceFinding.Kind.RELEASED), kinds(r), r.toString());
            for (TraceFinding finding : r.observed().traceFindings()) {
                assertTrue(finding.words().matches("W[01] wrote \\d+ bytes to data\\.json \\d+ us after flock\\(3, LOCK_UN\\) on it"),
                        finding.words());
            }
            // A writer can read the file the other truncated and has not written yet, and give up:
            // what is counted is that every acknowledged update wrote after its unlock.
            assertEquals(r.counts().acknowledged(), r.observed().traceFindings().stream().mapToLong(TraceFinding::times).sum(),
                    "every acknowledged update writes after its unlock: " + r);
        }
    }

    @Test
    void theSameWriterFlushingBeforeItsUnlockIsNeverFound() throws Exception {
        for (RunResult r : twoPythonWriters(UNLOCK_BEFORE_CLOSE + " --flush-first", 20)) {
            assertEquals(Set.of(), kinds(r), r.toString());
            assertEquals(Verdict.SAFE, r.judgement().verdict(), r.toString());
        }
    }

    /**
     * Python's fcntl.flock is flock(2); Java's FileChannel.lock is an fcntl(2) record lock. The
     * Python writer starts once both Java writers are done, so nothing can be lost, by design:
     * the locks still do not exclude each other, and the run says so.
     */
    @Test
    void aPythonFlockWriterBesideJavaChannelLockWritersIsFoundWithNothingLost() throws Exception {
        String after = "/usr/bin/python3 " + WRITERS + "/flock_after_keys.py {file} {writer} {count} w0-2,w1-2";
        RunResult r = lab.run("locks", file -> RunSpec.of(new LockFileAtomicReplace().withLock(LockPrimitive.named("channel")),
                new Keys(), 2, 3, file).withExternal(new ExternalWriters(after, 1)));
        assertEquals(0, r.damage().loss().atMost(), r.toString());
        assertEquals(9, r.counts().acknowledged(), r.toString());
        assertEquals(Verdict.UNSAFE_LOCKING, r.judgement().verdict(), r.toString());
        assertTrue(kinds(r).contains(TraceFinding.Kind.KINDS_DO_NOT_EXCLUDE), r.toString());
        TraceFinding finding = r.observed().traceFindings().stream()
                .filter(f -> f.kind() == TraceFinding.Kind.KINDS_DO_NOT_EXCLUDE).findFirst().orElseThrow();
        assertTrue(finding.words().contains("held fcntl lock on data.json.lock") && finding.words().contains("held flock on data.json.lock")
                && finding.words().endsWith("on Linux flock and fcntl locks never exclude each other"), finding.words());
    }

    /** What each shipped strategy's trace shows, two writers of three updates each: the broken ones, and only they, found. */
    @Test
    void theShippedStrategiesAreFoundWhereTheirLocksDoNotProtectAndOnlyThere() throws Exception {
        Map<String, TraceFinding.Kind> broken = Map.of(
                "no-lock", TraceFinding.Kind.NO_LOCK,
                "jvm-lock-only", TraceFinding.Kind.NO_LOCK,
                "posix-lock-close-drops", TraceFinding.Kind.DROPPED_BY_CLOSE,
                "flock-data-file+replace", TraceFinding.Kind.RETIRED_INODE);
        List<WriteStrategy> strategies = new java.util.ArrayList<>(Strategies.all().stream()
                .filter(s -> clobber.workload.Workload.defaultFor(s).hasDocument()).toList());
        for (String lock : List.of("posix", "ofd", "channel")) {
            strategies.add(new LockFileAtomicReplace().withLock(LockPrimitive.named(lock)));
        }
        for (WriteStrategy strategy : strategies) {
            RunResult r = lab.run("locks", file -> RunSpec.of(strategy, new Keys(), 2, 3, file));
            String label = r.subject().label();
            TraceFinding.Kind expected = broken.get(strategy.name());
            if (expected == null) {
                assertEquals(Set.of(), kinds(r), label + ": " + r);
                assertEquals(Verdict.SAFE, r.judgement().verdict(), label + ": " + r);
            } else {
                assertTrue(kinds(r).contains(expected), label + " is found for " + expected + ": " + r);
                assertNotEquals(Verdict.SAFE, r.judgement().verdict(), label + ": " + r);
            }
            assertTrue(r.judgement().claimHeld(), label + ": " + r);
        }
    }
}
