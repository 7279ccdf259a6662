package clobber.driver.threads;

import clobber.check.RunResult;
import clobber.run.SessionUnderTest;
import clobber.strategy.Verdict;
import clobber.driver.RunSpec;
import clobber.strategy.FlockSeekTruncate;
import clobber.strategy.LockFileAtomicReplace;
import clobber.strategy.NoLock;
import clobber.strategy.WriteStrategy;
import clobber.workload.Keys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Readers that take no lock, 5 runs each: they see half-written files unless the writers replace atomically. */
class ReadersTest {
    private static final int RUNS = 5;

    @RegisterExtension
    static final SessionUnderTest lab = new SessionUnderTest();

    private List<RunResult> read(WriteStrategy strategy) throws Exception {
        return lab.repeat(RUNS, "readers",
                file -> RunSpec.of(strategy, new Keys(), 8, 50, file).withReaders(2));
    }

    @Test
    void unlockedReadersOfAnInPlaceRewriteSeeTornContent() throws Exception {
        for (WriteStrategy strategy : List.of(new NoLock(), new FlockSeekTruncate())) {
            for (RunResult r : read(strategy)) {
                assertTrue(r.observed().reads().torn() > 0, strategy.name() + ": no torn read in " + r);
                // flock+seek/truncate always finishes its write: readers see whole documents too. No-lock's
                // interleaved writes can garble the file for good, after which every read is torn.
                assertTrue(strategy instanceof NoLock || r.observed().reads().count() > r.observed().reads().torn(), r.toString());
                assertTrue(r.judgement().claimHeld(), r.toString());
            }
        }
    }

    @Test
    void readersOfAnAtomicReplaceNeverSeeAPart() throws Exception {
        for (RunResult r : read(new LockFileAtomicReplace())) {
            assertEquals(0, r.observed().reads().torn(), r.observed().reads().firstTorn());
            assertTrue(r.observed().reads().count() > 100, "the readers hardly read: " + r);
            assertEquals(Verdict.SAFE, r.judgement().verdict(), r.toString());
        }
    }
}
