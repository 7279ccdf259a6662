package clobber.driver.powerloss;

import clobber.check.RunResult;
import clobber.run.DriverOptions;
import clobber.run.SessionUnderTest;

import clobber.driver.ExternalWriters;
import clobber.driver.RunSpec;
import clobber.strategy.FlockSeekTruncate;
import clobber.strategy.LockFileAtomicReplace;
import clobber.strategy.LockFileReplaceNoDirFsync;
import clobber.strategy.LockFileReplaceNoFsync;
import clobber.strategy.Verdict;
import clobber.strategy.WriteStrategy;
import clobber.workload.Keys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The powerloss driver: writers under strace, every state a power cut could leave under each
 * model, each judged by the checker. The fsyncs of lockfile+atomic-replace are what keep it SAFE;
 * without them, or without the directory's, acknowledged updates are lost or the file is empty.
 */
class PowerLossTest {
    private static final String PYTHON = "python3 " + Path.of("src/main/writers/python/atomic_json_update.py").toAbsolutePath()
            + " {file} {writer} {count}";
    private static final String PYTHON_NO_DIRFSYNC = "python3 " + Path.of("src/test/resources/writers/no_dirfsync.py").toAbsolutePath()
            + " {file} {writer} {count}";

    @RegisterExtension
    static final SessionUnderTest lab = new SessionUnderTest();

    private static RunResult cut(WriteStrategy strategy, PersistenceModel model, ExternalWriters external) throws Exception {
        DriverOptions options = DriverOptions.DEFAULTS.withModel(model);
        return lab.run(lab.driver("powerloss", options), file -> {
            RunSpec spec = RunSpec.of(strategy, new Keys(), 1, 3, file);
            return external == null ? spec : spec.withExternal(external);
        });
    }

    @Test
    void theSafePatternIsSafeUnderBothModels() throws Exception {
        for (PersistenceModel model : PersistenceModel.values()) {
            RunResult r = cut(new LockFileAtomicReplace(), model, null);
            assertEquals(Verdict.SAFE, r.judgement().verdict(), r.toString());
            assertEquals(0, r.damage().powerLoss().badCrashStates(), r.toString());
            assertTrue(r.damage().powerLoss().crashStates() > r.damage().powerLoss().crashPoints(), "more than one state a point: " + r.damage().powerLoss());
            assertFalse(r.damage().powerLoss().searchBounded(), r.toString());
            assertTrue(r.judgement().claimHeld());
        }
    }

    @Test
    void withoutItsFsyncsAPowerCutCanLeaveAnEmptyFile() throws Exception {
        RunResult r = cut(new LockFileReplaceNoFsync(), PersistenceModel.POSIX, null);
        assertNotEquals(Verdict.SAFE, r.judgement().verdict(), r.toString());
        assertEquals(Verdict.CORRUPT, r.judgement().verdict(), "the rename persisted, the data did not: " + r.damage().powerLoss());
        assertTrue(r.judgement().claimHeld(), r.toString());
    }

    @Test
    void withoutTheDirectoryFsyncAnAcknowledgedRenameCanVanish() throws Exception {
        RunResult r = cut(new LockFileReplaceNoDirFsync(), PersistenceModel.POSIX, null);
        assertEquals(Verdict.LOST_WRITES, r.judgement().verdict(), r.toString());
        RunResult.CutStory story = r.damage().powerLoss().firstBadState();
        assertTrue(story.outcome().contains("lacked w0-"), story.toString());
        assertTrue(story.trace().stream().anyMatch(t -> t.what().contains("renamed") && Boolean.FALSE.equals(t.onDisk())),
                "the rename is what did not reach the disk: " + story);
    }

    @Test
    void seekTruncateCanBeCutBetweenItsTruncateAndItsWrite() throws Exception {
        RunResult r = cut(new FlockSeekTruncate(), PersistenceModel.POSIX, null);
        assertEquals(Verdict.CORRUPT, r.judgement().verdict(), r.toString());
        RunResult.CutStory story = r.damage().powerLoss().firstBadState();
        assertTrue(story.trace().getLast().what().contains("truncated"), "cut right after the truncate: " + story);
        assertTrue(story.outcome().contains("did not parse"), story.toString());
    }

    @Test
    void thePythonReferenceWriterIsSafeAndWithoutItsDirectoryFsyncLosesWrites() throws Exception {
        RunResult reference = cut(new LockFileAtomicReplace(), PersistenceModel.POSIX, new ExternalWriters(PYTHON, 1));
        assertEquals(Verdict.SAFE, reference.judgement().verdict(), reference.toString());
        assertEquals(6, reference.counts().acknowledged());
        RunResult broken = cut(new LockFileAtomicReplace(), PersistenceModel.POSIX, new ExternalWriters(PYTHON_NO_DIRFSYNC, 1));
        assertEquals(Verdict.LOST_WRITES, broken.judgement().verdict(), broken.toString());
    }

    @Test
    void theSameStrategyAndModelGiveTheSameCountsEveryTime() throws Exception {
        List<String> counts = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            RunResult.PowerLoss p = cut(new LockFileReplaceNoDirFsync(), PersistenceModel.POSIX, null).damage().powerLoss();
            counts.add(p.crashPoints() + " points, " + p.crashStates() + " states, " + p.badCrashStates() + " bad");
        }
        assertEquals(1, counts.stream().distinct().count(), counts.toString());
    }
}
