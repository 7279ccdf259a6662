package clobber.driver.process;

import clobber.check.RunResult;
import clobber.cli.HostilePlugIns;
import clobber.driver.ExternalWriters;
import clobber.driver.RunSpec;
import clobber.run.SessionUnderTest;
import clobber.strategy.LockFileAtomicReplace;
import clobber.strategy.Verdict;
import clobber.workload.Keys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Path;
import java.util.concurrent.atomic.LongAdder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A writer that breaks the protocol after the start signal cannot make a run pass: saying
 * {@code done} before every update is acknowledged or failed, or acknowledging an update twice, is
 * its protocol error, and what it did not acknowledge is given up. A plug-in cannot speak the
 * protocol at all: a worker's protocol is not on the descriptors a strategy can write to.
 */
class ProtocolBreachTest {
    private static final String PYTHON = "python3 " + Path.of("src/main/writers/python/atomic_json_update.py").toAbsolutePath();

    @RegisterExtension
    static final SessionUnderTest lab = new SessionUnderTest();

    private static RunResult withExternal(String command, int writes, LongAdder progress) throws Exception {
        return lab.run("processes", file -> RunSpec.of(new LockFileAtomicReplace(), new Keys(), 1, writes, file)
                .withExternal(new ExternalWriters(command, 1)).withProgress(progress));
    }

    /** The reference writer told to make 5 updates where the run asked for 10: it says done after 5. */
    @Test
    void doneBeforeEveryUpdateIsAcknowledgedGivesUpTheRest() throws Exception {
        RunResult r = withExternal(PYTHON + " {file} {writer} 5", 10, new LongAdder());
        assertEquals(Verdict.ERRORS, r.judgement().verdict(), r.toString());
        assertEquals(5, r.observed().failures().givenUp(), r.toString());
        assertEquals(15, r.counts().acknowledged(), "10 of the Java writer, 5 of the external one: " + r);
        assertTrue(r.observed().notes().stream().anyMatch(n -> n.contains("said 'done' with 5 of its 10 updates neither acknowledged nor failed")),
                r.observed().notes().toString());
    }

    /** Every ack line printed twice: the second is refused, counted nowhere, and the writer is stopped. */
    @Test
    void aDuplicateAckIsAProtocolErrorNotProgress() throws Exception {
        LongAdder progress = new LongAdder();
        RunResult r = withExternal(PYTHON + " {file} {writer} {count}"
                + " | while IFS= read -r line; do echo \"$line\"; case \"$line\" in ack*) echo \"$line\";; esac; done", 10, progress);
        assertEquals(Verdict.ERRORS, r.judgement().verdict(), r.toString());
        assertTrue(r.observed().notes().stream().anyMatch(n -> n.contains("acknowledged update 0 twice: a protocol error")),
                r.observed().notes().toString());
        assertEquals(11, r.counts().acknowledged(), "its first ack counts, the rest were never heard: " + r);
        assertTrue(progress.sum() <= r.counts().attempted(), "progress past the updates attempted: " + progress.sum());
    }

    /** A plug-in writing 'done' to FileDescriptor.out under processes writes to the worker's stderr, and the run goes on. */
    @Test
    void aPlugInCannotWriteToItsWorkersProtocol() throws Exception {
        RunResult r = lab.run("processes", file -> RunSpec.of(new HostilePlugIns.WritesDoneToStdout(), new Keys(), 2, 40, file));
        assertEquals(Verdict.SAFE, r.judgement().verdict(), r.toString());
        assertEquals(80, r.counts().acknowledged(), "every update ran and was heard: " + r);
    }
}
