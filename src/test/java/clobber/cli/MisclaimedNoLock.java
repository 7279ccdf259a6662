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

/** A user's strategy that claims to survive threads and takes no lock: the harness must say it broke its claim. */
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
        Files.write(file, Documents.bytes(change.apply(document)));
    }
}
