package clobber.junit;

import clobber.strategy.Claim;
import clobber.strategy.Condition;
import clobber.strategy.FlockDataFileReplace;
import clobber.strategy.LockFileAtomicReplace;
import clobber.strategy.StepHook;
import clobber.strategy.WriteStrategy;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

import static clobber.junit.ClobberAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The assertions pass where {@code clobber gate} and {@code clobber matrix} would exit 0, fail with
 * the table and the story of a lost write where they would exit 1, and leave a report either way.
 */
class ClobberAssertionsTest {

    @TempDir
    Path reports;

    @Test
    void aSafeStrategySurvivesThreadsAndProcessesAndLeavesAReport() throws Exception {
        assertThat(new LockFileAtomicReplace()).writers(4).updates(25).reportsTo(reports)
                .survives(Condition.THREADS, Condition.PROCESSES);
        String junit = Files.readString(reports.resolve("latest/junit.xml"));
        assertTrue(junit.contains("tests=\"2\"") && junit.contains("failures=\"0\""), junit);
    }

    @Test
    void aStrategyThatLosesWritesFailsWithTheTableAndTheStoryOfOneLoss() {
        AssertionFailedError failure = assertThrows(AssertionFailedError.class, () ->
                assertThat(new FlockDataFileReplace()).writers(4).updates(50).reportsTo(reports).survives(Condition.THREADS));
        String message = failure.getMessage();
        assertTrue(message.startsWith("assertThat(flock-data-file+replace).survives(threads): 1 of 1 driver fails"), message);
        assertTrue(message.contains("FAILS: flock-data-file+replace --lock flock under threads: LOST_WRITES"), message);
        assertTrue(message.contains("how one write was lost under threads: W"), message);
        assertTrue(message.contains("its write is lost"), message);
        assertTrue(message.contains("strategy ") && message.contains(" verdict "), "the table: " + message);
        assertTrue(message.contains("report: " + reports), message);
        assertEquals("threads: SAFE", failure.getExpected().getStringRepresentation());
        assertEquals("threads: LOST_WRITES", failure.getActual().getStringRepresentation());
    }

    @Test
    void aStrategyKeepsItsClaimUnderEveryDriver() {
        assertThat(new LockFileAtomicReplace()).writers(4).updates(25).reportsTo(reports).keepsClaim();
    }

    @Test
    void aStrategyThatClaimsMoreThanItKeepsFailsUnderTheDriverThatShowsIt() {
        AssertionFailedError failure = assertThrows(AssertionFailedError.class, () ->
                assertThat(new ClaimsThreads()).writers(4).updates(50).reportsTo(reports).keepsClaim());
        assertTrue(failure.getMessage().contains("FAILS: claims-threads under threads: LOST_WRITES"), failure.getMessage());
        assertTrue(failure.getExpected().getStringRepresentation().contains("threads: SAFE\n"),
                failure.getExpected().getStringRepresentation());
    }

    @Test
    void badInputIsRefusedBeforeAnythingRuns() {
        assertThrows(IllegalArgumentException.class, () -> assertThat(new LockFileAtomicReplace()).writers(0));
        assertThrows(IllegalArgumentException.class, () -> assertThat(new LockFileAtomicReplace()).runs(0));
        IllegalArgumentException hosts = assertThrows(IllegalArgumentException.class,
                () -> assertThat(new LockFileAtomicReplace()).reportsTo(reports).survives(Condition.HOSTS));
        assertTrue(hosts.getMessage().contains("--driver hosts"), hosts.getMessage());
        assertFalse(Files.exists(reports.resolve("latest")), "nothing ran, nothing was reported");
    }

    /** flock-data-file+replace, claiming to survive threads: the threads driver shows it does not. Public, for the worker JVMs. */
    public static final class ClaimsThreads implements WriteStrategy {
        private final WriteStrategy broken = new FlockDataFileReplace();

        @Override
        public String name() {
            return "claims-threads";
        }

        @Override
        public String lesson() {
            return "flock-data-file+replace, claiming what it does not keep.";
        }

        @Override
        public Claim claim() {
            return Claim.survives(Condition.THREADS);
        }

        @Override
        public void update(Path file, UnaryOperator<ObjectNode> change, StepHook steps) throws IOException {
            broken.update(file, change, steps);
        }
    }
}
