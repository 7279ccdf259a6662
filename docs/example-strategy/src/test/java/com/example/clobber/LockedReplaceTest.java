package com.example.clobber;

import clobber.strategy.Claim;
import clobber.strategy.Condition;
import clobber.strategy.Documents;
import clobber.strategy.Step;
import clobber.strategy.StepHook;
import clobber.strategy.WriteStrategy;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.UnaryOperator;

import static clobber.junit.ClobberAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The strategy gated by the project's own tests: {@code mvn test} fails if clobber sees a single
 * write lost, under threads or processes. The second test shows what that failure says, with
 * the same pattern minus its locks.
 */
class LockedReplaceTest {

    @Test
    void survivesThreadsAndProcesses() {
        assertThat(new LockedReplace()).writers(4).updates(50).survives(Condition.THREADS, Condition.PROCESSES);
    }

    @Test
    void withoutItsLocksTheFailureTellsHowAWriteWasLost() {
        AssertionFailedError failure = assertThrows(AssertionFailedError.class,
                () -> assertThat(new UnlockedReplace()).writers(4).updates(50).survives(Condition.THREADS));
        assertTrue(failure.getMessage().contains("LOST_WRITES"), failure.getMessage());
        assertTrue(failure.getMessage().contains("its write is lost"), failure.getMessage());
    }

    /** LockedReplace without its two locks: two writers read one document, the second rename erases the first's change. */
    public static final class UnlockedReplace implements WriteStrategy {
        @Override
        public String name() {
            return "unlocked-replace";
        }

        @Override
        public String lesson() {
            return "Read, write a temp file, rename it over the data file, with no lock: atomic, and it still loses writes.";
        }

        @Override
        public Claim claim() {
            return Claim.nothing();
        }

        @Override
        public void update(Path file, UnaryOperator<ObjectNode> change, StepHook steps) throws IOException {
            ObjectNode document = Documents.read(file);
            steps.at(Step.AFTER_READ);
            Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), file.getFileName() + ".", ".tmp");
            Files.write(temp, Documents.bytes(change.apply(document)));
            steps.at(Step.BEFORE_RENAME);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
        }
    }
}
