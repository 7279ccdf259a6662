package clobber.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import clobber.strategy.Claim;
import clobber.strategy.Condition;
import clobber.strategy.Documents;
import clobber.strategy.StepHook;
import clobber.strategy.WriteStrategy;
import clobber.strategy.Step;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * A user's strategy that claims to survive threads and takes no lock: the harness must say it broke
 * its claim. It replaces the file by rename, so the file always parses and the failure is always
 * lost writes, with a story to tell.
 */
public final class MisclaimedNoLock implements WriteStrategy {

    @Override
    public String name() {
        return "misclaimed-no-lock";
    }

    @Override
    public String lesson() {
        return "Claims safety, takes no lock.";
    }

    @Override
    public Claim claim() {
        return Claim.survives(Condition.THREADS, Condition.PROCESSES);
    }

    @Override
    public void update(Path file, UnaryOperator<ObjectNode> change, StepHook steps) throws IOException {
        ObjectNode document = Documents.read(file);
        steps.at(Step.AFTER_READ);
        Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), "misclaimed-", ".tmp");
        Files.write(temp, Documents.bytes(change.apply(document)));
        Files.move(temp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
