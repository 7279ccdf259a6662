package clobber.strategy;

import clobber.check.RunResult;
import clobber.run.SessionUnderTest;
import clobber.driver.RunSpec;
import clobber.workload.Keys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * group-commit as the harness sees it: threads of one JVM share commits, every update is
 * stamped inside the critical section that carried it, the sections never overlap, and the
 * threads driver finds it SAFE with the verifier seeing no overlap.
 */
class GroupCommitTest {
    @RegisterExtension
    static final SessionUnderTest LAB = new SessionUnderTest();

    private static final int WRITERS = 8;
    private static final int WRITES = 50;

    @TempDir
    Path dir;

    @Test
    void threadsShareCommitsAndEachUpdateIsStampedInsideTheSectionThatCarriedIt() throws Exception {
        Path file = dir.resolve("data.json");
        Keys keys = new Keys();
        keys.prepare(file);
        WriteStrategy strategy = Strategies.named("group-commit");
        long[][][] stamps = new long[WRITERS][WRITES][Step.values().length];
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService threads = Executors.newFixedThreadPool(WRITERS)) {
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                writers.add(threads.submit(() -> {
                    start.await();
                    for (int seq = 0; seq < WRITES; seq++) {
                        long[] mine = stamps[writer][seq];
                        strategy.update(file, keys.update(writer, seq), step -> mine[step.ordinal()] = System.nanoTime());
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> writer : writers) {
                writer.get();
            }
        }
        assertEquals(WRITERS * WRITES, Documents.read(file).size());

        List<long[]> sections = new ArrayList<>();
        for (long[][] writer : stamps) {
            for (long[] update : writer) {
                if (update[Step.AFTER_LOCK.ordinal()] != 0) {
                    sections.add(new long[] {update[Step.AFTER_LOCK.ordinal()], update[Step.BEFORE_UNLOCK.ordinal()]});
                }
            }
        }
        sections.sort(Comparator.comparingLong(section -> section[0]));
        System.out.printf("group-commit, %d threads x %d updates: %d critical sections%n", WRITERS, WRITES, sections.size());
        assertTrue(sections.size() < WRITERS * WRITES, "no two updates shared a commit");
        for (int i = 1; i < sections.size(); i++) {
            assertTrue(sections.get(i - 1)[1] < sections.get(i)[0], "two critical sections overlap");
        }
        for (long[][] writer : stamps) {
            for (long[] update : writer) {
                for (Step step : List.of(Step.AFTER_READ, Step.BEFORE_RENAME)) {
                    long at = update[step.ordinal()];
                    assertTrue(sections.stream().anyMatch(s -> s[0] <= at && at <= s[1]), step + " outside every critical section");
                }
            }
        }
    }

    /** 20 runs of 8 threads: the processes and mixed drivers' 20 are in ProcessAndMixedDriversTest. */
    @Test
    void theThreadsDriverFindsItSafeAndSeesNoOverlapIn20Runs() throws Exception {
        for (int run = 0; run < 20; run++) {
            Path file = Files.createDirectory(dir.resolve("run-" + run)).resolve("data.json");
            RunResult r = LAB.run("threads", RunSpec.of(new GroupCommit(), new Keys(), 8, 125, file));
            assertEquals(Verdict.SAFE, r.judgement().verdict(), r.toString());
            assertEquals(0, r.observed().overlaps().count(), r.toString());
            assertEquals(1000, r.counts().acknowledged());
            assertTrue(r.judgement().claimHeld());
        }
    }
}
