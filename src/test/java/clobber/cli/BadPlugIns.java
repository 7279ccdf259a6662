package clobber.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import clobber.strategy.Claim;
import clobber.strategy.StepHook;
import clobber.strategy.WriteStrategy;

import java.nio.file.Path;
import java.util.function.UnaryOperator;

/** Plug-ins that do not describe themselves: clobber must refuse each when it loads it. */
public final class BadPlugIns {
    private BadPlugIns() {}

    /** Safe in every other way; the subclasses each break one of name, lesson and claim. */
    abstract static class Described implements WriteStrategy {
        @Override
        public String name() {
            return "described";
        }

        @Override
        public String lesson() {
            return "A lesson.";
        }

        @Override
        public Claim claim() {
            return Claim.nothing();
        }

        @Override
        public void update(Path file, UnaryOperator<ObjectNode> change, StepHook steps) {
        }
    }

    public static final class NullName extends Described {
        @Override
        public String name() {
            return null;
        }
    }

    public static final class EscapeInName extends Described {
        @Override
        public String name() {
            return "evil\u001b[2J";
        }
    }

    public static final class BlankLesson extends Described {
        @Override
        public String lesson() {
            return "  ";
        }
    }

    public static final class NullClaim extends Described {
        @Override
        public Claim claim() {
            return null;
        }
    }
}
