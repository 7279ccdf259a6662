package clobber.strategy;

import clobber.check.RunResult;
import clobber.run.SessionUnderTest;
import clobber.strategy.Verdict;
import clobber.driver.RunSpec;
import clobber.workload.Keys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The experiment of https://github.com/Netflix/metaflow/pull/3006, 50 threads x 20 writes, 10 times per strategy (its 10 consecutive runs), exactly as
 * {@code clobber run --strategy S --driver threads --writers 50 --writes 20} runs it: the broken
 * patterns must be caught every time, the correct ones must lose nothing every time.
 */
class FourPatternsTest {
    @RegisterExtension
    static final SessionUnderTest LAB = new SessionUnderTest();

    private static final int RUNS = 10;

    @TempDir
    Path scratch;

    private RunResult run(WriteStrategy strategy, int i) throws Exception {
        Path dir = Files.createDirectory(scratch.resolve(strategy.name().replaceAll("\\W", "_") + "-" + i));
        RunSpec spec = RunSpec.of(strategy, new Keys(), 50, 20, dir.resolve("data.json"));
        return LAB.run("threads", spec);
    }

    @Test
    void noLockLosesWritesInEveryRun() throws Exception {
        for (int i = 0; i < RUNS; i++) {
            RunResult r = run(new NoLock(), i);
            // Caught either way: writes missing, or (in-place writes interleaving) the file garbled past reading.
            assertTrue(r.judgement().verdict() == Verdict.LOST_WRITES && r.damage().loss().atLeast() > 0
                    || r.judgement().verdict() == Verdict.CORRUPT && r.damage().loss().uncounted(), "run " + i + ": " + r);
            assertTrue(r.judgement().claimHeld());
        }
    }

    @Test
    void flockOnTheDataFileThenReplaceLosesWritesInEveryRun() throws Exception {
        for (int i = 0; i < RUNS; i++) {
            RunResult r = run(new FlockDataFileReplace(), i);
            assertEquals(Verdict.LOST_WRITES, r.judgement().verdict(), r.toString());
            assertTrue(r.damage().loss().atLeast() > 0);
            assertEquals(0, r.damage().loss().unreadableFiles(), "the rename is atomic: the file is never torn");
            assertTrue(r.judgement().claimHeld());
        }
    }

    @Test
    void flockSeekTruncateLosesNothingWithoutCrashes() throws Exception {
        for (int i = 0; i < RUNS; i++) {
            RunResult r = run(new FlockSeekTruncate(), i);
            assertSafe(r);
        }
    }

    @Test
    void lockFileAtomicReplaceLosesNothing() throws Exception {
        for (int i = 0; i < RUNS; i++) {
            RunResult r = run(new LockFileAtomicReplace(), i);
            assertSafe(r);
        }
    }

    private static void assertSafe(RunResult r) {
        assertEquals(Verdict.SAFE, r.judgement().verdict(), r.toString());
        assertEquals(0, r.damage().loss().atLeast());
        assertEquals(1000, r.counts().acknowledged());
        assertEquals(0, r.damage().loss().unreadableFiles());
        assertTrue(r.judgement().claimHeld());
    }
}
