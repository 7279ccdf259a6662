package clobber.strategy;

import clobber.check.Experiment;
import clobber.check.RunResult;
import clobber.strategy.Verdict;
import clobber.driver.RunSpec;
import clobber.driver.ThreadDriver;
import clobber.workload.Keys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The experiment of https://github.com/Netflix/metaflow/pull/3006, 50 threads x 20 writes, 20 times per strategy, exactly as
 * {@code clobber run --strategy S --driver threads --writers 50 --writes 20} runs it: the broken
 * patterns must be caught every time, the correct ones must lose nothing every time.
 */
class FourPatternsTest {
    private static final int RUNS = 20;

    @TempDir
    Path scratch;

    private RunResult run(WriteStrategy strategy, int i) throws Exception {
        Path dir = Files.createDirectory(scratch.resolve(strategy.name().replaceAll("\\W", "_") + "-" + i));
        RunSpec spec = RunSpec.of(strategy, new Keys(), 50, 20, dir.resolve("data.json"));
        return Experiment.run(new ThreadDriver(), spec);
    }

    @Test
    void noLockLosesWritesInEveryRun() throws Exception {
        for (int i = 0; i < RUNS; i++) {
            RunResult r = run(new NoLock(), i);
            // Caught either way: writes missing, or (in-place writes interleaving) the file garbled past reading.
            assertTrue(r.judgement().verdict() == Verdict.LOST_WRITES && r.loss().atLeast() > 0
                    || r.judgement().verdict() == Verdict.CORRUPT && r.loss().uncounted(), "run " + i + ": " + r);
            assertTrue(r.judgement().claimHeld());
        }
    }

    @Test
    void flockOnTheDataFileThenReplaceLosesWritesInEveryRun() throws Exception {
        for (int i = 0; i < RUNS; i++) {
            RunResult r = run(new FlockDataFileReplace(), i);
            assertEquals(Verdict.LOST_WRITES, r.judgement().verdict(), r.toString());
            assertTrue(r.loss().atLeast() > 0);
            assertEquals(0, r.loss().unreadableFiles(), "the rename is atomic: the file is never torn");
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
        assertEquals(0, r.loss().atLeast());
        assertEquals(1000, r.counts().acknowledged());
        assertEquals(0, r.loss().unreadableFiles());
        assertTrue(r.judgement().claimHeld());
    }
}
