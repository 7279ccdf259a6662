package clobber.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import clobber.strategy.Claim;
import clobber.strategy.Condition;
import clobber.strategy.StepHook;
import clobber.strategy.WriteStrategy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * A plug-in whose failures say things no report may pass on as they are: control characters
 * that XML cannot carry, a terminal escape that would clear the screen, Markdown that would
 * open a table column and set text in bold.
 */
public final class ThrowsGarbage implements WriteStrategy {
    static final String MESSAGE = "bad \u0001\u0007 byte \u001b[2J | *bold* \ufffe \ud800 end";

    @Override
    public String name() {
        return "throws-garbage|*x*";
    }

    @Override
    public String lesson() {
        return "Every update throws an exception whose message is full of control characters.";
    }

    @Override
    public Claim claim() {
        return Claim.survives(Condition.THREADS);
    }

    @Override
    public void update(Path file, UnaryOperator<ObjectNode> change, StepHook steps) throws IOException {
        throw new IOException(MESSAGE);
    }
}
