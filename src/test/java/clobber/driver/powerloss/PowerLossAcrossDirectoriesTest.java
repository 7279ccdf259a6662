package clobber.driver.powerloss;

import clobber.check.RunResult;
import clobber.check.TraceFinding;
import clobber.check.Unproven;
import clobber.driver.ExternalWriters;
import clobber.driver.RunSpec;
import clobber.run.DriverOptions;
import clobber.run.SessionUnderTest;
import clobber.strategy.LockFileAtomicReplace;
import clobber.strategy.Verdict;
import clobber.workload.Keys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A power cut follows a file wherever on the run's file system it was written: a writer that
 * stages its temp file in /tmp (tempfile.gettempdir(), as mkstemp(dir="/tmp") and sponge do),
 * fsyncs it, renames it into place and fsyncs the data file's directory loses nothing to a cut
 * under either model; without that last fsync the rename is what a cut loses. A writer whose
 * writes the trace cannot see (a shared mapping) is told so, never judged as if it had none.
 */
class PowerLossAcrossDirectoriesTest {
    private static final String STAGED = "/usr/bin/python3 " + Path.of("src/test/resources/writers/staged_in_tmp.py").toAbsolutePath();
    private static final String MAPPED = "/usr/bin/python3 " + Path.of("src/test/resources/writers/mmap_writer.py").toAbsolutePath()
            + " {file} {writer} {count}";

    @RegisterExtension
    static final SessionUnderTest lab = new SessionUnderTest();

    private static RunResult cut(PersistenceModel model, String command) throws Exception {
        DriverOptions options = DriverOptions.DEFAULTS.withModel(model);
        return lab.run(lab.driver("powerloss", options), file -> RunSpec.of(new LockFileAtomicReplace(), new Keys(), 1, 3, file)
                .withExternal(new ExternalWriters(command, 1)));
    }

    @Test
    void aTempFileStagedInTmpFsyncedRenamedAndItsNewDirectoryFsyncedIsSafeUnderBothModels() throws Exception {
        for (PersistenceModel model : PersistenceModel.values()) {
            RunResult r = cut(model, STAGED + " {file} {writer} {count}");
            assertEquals(Verdict.SAFE, r.judgement().verdict(), model + ": " + r);
            assertEquals(6, r.counts().acknowledged(), r.toString());
            assertEquals(0, r.damage().powerLoss().badCrashStates(), r.toString());
        }
    }

    @Test
    void withoutTheDirectoryFsyncTheRenameFromTmpIsWhatACutLoses() throws Exception {
        for (PersistenceModel model : PersistenceModel.values()) {
            RunResult r = cut(model, STAGED + " --no-dirfsync {file} {writer} {count}");
            assertEquals(Verdict.LOST_WRITES, r.judgement().verdict(), model + ": " + r);
            RunResult.CutStory story = r.damage().powerLoss().firstBadState();
            assertTrue(story.trace().stream().anyMatch(t -> t.what().matches("W1 renamed /.*/clobber-staged-.*\\.tmp over data\\.json")
                    && Boolean.FALSE.equals(t.onDisk())), "the rename from the temp directory did not reach the disk: " + story);
            assertTrue(story.outcome().contains("lacked w1-"), story.toString());
        }
    }

    @Test
    void aWriterThatWritesThroughASharedMappingIsToldItsWritesAreNotModelled() throws Exception {
        RunResult r = cut(PersistenceModel.POSIX, MAPPED);
        assertNotEquals(Verdict.SAFE, r.judgement().verdict(), r.toString());
        TraceFinding finding = r.observed().traceFindings().getFirst();
        assertEquals(TraceFinding.Kind.UNMODELLED, finding.kind(), r.toString());
        assertEquals("W1", finding.writer());
        assertTrue(finding.words().startsWith("W1 mapped data.json shared and writable (mmap)"), finding.words());
        if (r.judgement().verdict() == Verdict.INCONCLUSIVE) {
            assertTrue(r.judgement().unproven().contains(Unproven.UNMODELLED), r.toString());
        }
    }
}
