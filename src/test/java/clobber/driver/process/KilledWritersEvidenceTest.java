package clobber.driver.process;

import clobber.check.Evidence;
import clobber.check.UpdateTrace;
import clobber.run.SessionUnderTest;
import clobber.driver.CrashPlan;
import clobber.driver.RunSpec;
import clobber.strategy.LockFileAtomicReplace;
import clobber.strategy.Step;
import clobber.workload.Keys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A writer killed mid-run has already told the driver everything but its in-flight update: each
 * finished update's trace (its critical section, for the overlap verifier) and each failure,
 * streamed as they happened, not held back for a final report that a SIGKILL never lets it send.
 */
class KilledWritersEvidenceTest {

    @RegisterExtension
    static final SessionUnderTest lab = new SessionUnderTest();

    @Test
    void everyAcknowledgedUpdateOfAKilledWriterKeepsItsCriticalSection() throws Exception {
        for (int run = 0; run < 5; run++) {
            Path file = lab.directory("evidence").resolve("data.json");
            RunSpec spec = RunSpec.of(new LockFileAtomicReplace(), new Keys(), 2, 30, file)
                    .withCrash(CrashPlan.atStep(Step.AFTER_READ, 2)).withSeed(run);
            spec.workload().prepare(file);
            Evidence outcome = ProcessDriver.processes(lab.pool()).run(spec);
            assertEquals(2, outcome.events().kills(), "both writers killed once");
            long acknowledged = outcome.writes().acknowledged().count();
            List<UpdateTrace> acked = outcome.writes().traces().stream().filter(UpdateTrace::acknowledged).toList();
            assertEquals(acknowledged, acked.size(), "a trace for every acknowledged update");
            for (UpdateTrace t : acked) {
                assertTrue(t.at(Step.AFTER_LOCK) != 0 && t.at(Step.BEFORE_UNLOCK) != 0,
                        "W" + t.writer() + "#" + t.seq() + " lost its critical section");
            }
            Set<String> ran = new HashSet<>();
            for (UpdateTrace t : outcome.writes().traces()) {
                assertTrue(ran.add(t.writer() + "#" + t.seq()), "update run twice: W" + t.writer() + "#" + t.seq());
            }
            assertEquals(58, acknowledged, "every update but the two in flight when their writers were killed");
        }
    }
}
