package clobber.strategy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import clobber.os.LockPrimitive;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * One way to apply a read-modify-write update to a JSON document kept in a file: read the
 * document, apply {@code change}, store the result. The harness runs many of these at once, from
 * threads and processes, and counts what survives.
 *
 * <p>A strategy is one small class whose comment teaches its pattern. It marks the {@link Step}s
 * it passes through with {@code steps.at(...)}; it declares its {@link Claim}. Implementations
 * are found with {@link java.util.ServiceLoader} (register them in
 * {@code META-INF/services/clobber.strategy.WriteStrategy}) or by class name, and need a public
 * no-argument constructor. They are called from many threads at once and must keep no state
 * between calls.
 */
public interface WriteStrategy {

    /** A short name for the command line, e.g. {@code lockfile+atomic-replace}. */
    String name();

    /** One paragraph: the pattern, and why it fails or holds. */
    String lesson();

    /** The conditions this strategy promises to survive. */
    Claim claim();

    /** Applies {@code change} to the document in {@code file}, calling {@code steps} at each {@link Step}. */
    void update(Path file, UnaryOperator<ObjectNode> change, StepHook steps) throws IOException;

    /**
     * Whether each update is stored as a new file of its own ({@link NewFiles}) instead of
     * changing one document; such strategies run with the {@code create} workload.
     */
    default boolean createsNewFiles() {
        return false;
    }

    /** The lock primitive this strategy uses, if it takes a lock. */
    default Optional<LockPrimitive> lock() {
        return Optional.empty();
    }

    /** This strategy with another lock primitive; only strategies that take a lock accept one. */
    default WriteStrategy withLock(LockPrimitive lock) {
        throw new IllegalArgumentException("strategy '" + name() + "' takes no lock, so --lock does not apply");
    }
}
