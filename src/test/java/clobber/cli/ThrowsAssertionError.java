package clobber.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import clobber.strategy.Claim;
import clobber.strategy.Condition;
import clobber.strategy.StepHook;
import clobber.strategy.WriteStrategy;

import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * A user's strategy with a bug that is no exception: every update fails an {@code assert}-like
 * check with an {@link AssertionError}. It claims everything and acknowledges nothing; the
 * harness must count the errors, quote the first, and fail the gate, under threads and processes.
 */
public final class ThrowsAssertionError implements WriteStrategy {

    @Override
    public String name() {
        return "throws-assertion-error";
    }

    @Override
    public String lesson() {
        return "Every update throws an AssertionError.";
    }

    @Override
    public Claim claim() {
        return Claim.survives(Condition.values());
    }

    @Override
    public void update(Path file, UnaryOperator<ObjectNode> change, StepHook steps) {
        throw new AssertionError("invariant broken: the document has no version field");
    }
}
