package clobber.cli;

import clobber.strategy.Claim;
import clobber.strategy.Condition;
import clobber.strategy.LockFileAtomicReplace;
import clobber.strategy.StepHook;
import clobber.strategy.WriteStrategy;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;

/**
 * Plug-ins that do what no strategy should: end the JVM they run in, write to its protocol, eat
 * its heap, start processes of their own, take a shipped strategy's name, throw as they are made.
 * Each is otherwise lockfile+atomic-replace and claims to survive everything, so that a harness
 * that let one pass would pass it SAFE.
 */
public final class HostilePlugIns {
    private HostilePlugIns() {}

    /** Safe, and claiming it: the subclasses each add one hostile act. */
    abstract static class SafeOtherwise implements WriteStrategy {
        private static final WriteStrategy SAFE = new LockFileAtomicReplace();

        @Override
        public String name() {
            return getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
        }

        @Override
        public String lesson() {
            return "lockfile+atomic-replace, and one thing no strategy should do.";
        }

        @Override
        public Claim claim() {
            return Claim.survives(Condition.values());
        }

        @Override
        public void update(Path file, UnaryOperator<ObjectNode> change, StepHook steps) throws IOException {
            SAFE.update(file, change, steps);
        }
    }

    /** Its constructor throws, as a plug-in that cannot find its configuration would. */
    public static final class ThrowingConstructor extends SafeOtherwise {
        public ThrowingConstructor() {
            throw new IllegalStateException("no configuration file");
        }
    }

    /** Its constructor ends the JVM that makes it. */
    public static final class ExitsWhenMade extends SafeOtherwise {
        public ExitsWhenMade() {
            System.exit(0);
        }
    }

    /** Takes the name of a shipped strategy. */
    public static final class CalledNoLock extends SafeOtherwise {
        @Override
        public String name() {
            return "no-lock";
        }
    }

    /** Its third update ends the JVM with System.exit(0). */
    public static final class ExitsInUpdate extends SafeOtherwise {
        private final java.util.concurrent.atomic.AtomicInteger updates = new java.util.concurrent.atomic.AtomicInteger();

        @Override
        public void update(Path file, UnaryOperator<ObjectNode> change, StepHook steps) throws IOException {
            super.update(file, change, steps);
            if (file.getFileName().toString().equals("data.json") && updates.incrementAndGet() == 3) {
                System.exit(0);
            }
        }
    }

    /** Its third update ends the JVM with Runtime.halt(0): no shutdown hook runs. */
    public static final class HaltsInUpdate extends SafeOtherwise {
        private final java.util.concurrent.atomic.AtomicInteger updates = new java.util.concurrent.atomic.AtomicInteger();

        @Override
        public void update(Path file, UnaryOperator<ObjectNode> change, StepHook steps) throws IOException {
            super.update(file, change, steps);
            if (file.getFileName().toString().equals("data.json") && updates.incrementAndGet() == 3) {
                Runtime.getRuntime().halt(0);
            }
        }
    }

    /** Its first update writes the protocol's "done" to the JVM's real stdout, past System.out. */
    public static final class WritesDoneToStdout extends SafeOtherwise {
        private static final AtomicBoolean SAID = new AtomicBoolean();

        @Override
        public void update(Path file, UnaryOperator<ObjectNode> change, StepHook steps) throws IOException {
            super.update(file, change, steps);
            if (file.getFileName().toString().equals("data.json") && SAID.compareAndSet(false, true)) {
                FileOutputStream out = new FileOutputStream(FileDescriptor.out);
                out.write("done\n".getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        }
    }

    /** Keeps 8 MB of every update until the heap is gone. */
    public static final class LeaksMemory extends SafeOtherwise {
        private static final List<byte[]> KEPT = new ArrayList<>();

        @Override
        public void update(Path file, UnaryOperator<ObjectNode> change, StepHook steps) throws IOException {
            super.update(file, change, steps);
            synchronized (KEPT) {
                KEPT.add(new byte[8 << 20]);
            }
        }
    }

    /**
     * Its first update starts {@code sleep 300} and leaves it running, marked with the run's
     * directory in its environment ({@link Marked}) so that a test can look for it.
     */
    public static final class StartsAChild extends SafeOtherwise {
        private static final AtomicBoolean STARTED = new AtomicBoolean();

        @Override
        public void update(Path file, UnaryOperator<ObjectNode> change, StepHook steps) throws IOException {
            super.update(file, change, steps);
            if (file.getFileName().toString().equals("data.json") && STARTED.compareAndSet(false, true)) {
                ProcessBuilder child = new ProcessBuilder("sleep", "300").redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(ProcessBuilder.Redirect.DISCARD);
                child.environment().put(Marked.VARIABLE, Marked.of(file));
                child.start();
            }
        }
    }
}
