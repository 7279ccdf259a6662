package clobber.cli;

import java.util.function.Supplier;

/** The user asked for something that cannot be done: reported in one line, exit code 2. */
final class BadInput extends RuntimeException {
    BadInput(String message) {
        super(message);
    }

    /**
     * {@code parse}'s value; its {@link IllegalArgumentException} (an unknown name, a malformed
     * number: what the lookups and parsers of the lower layers throw about what they are given) as
     * bad input. Only what the user typed goes through here: any other exception is clobber's own
     * failure.
     */
    static <T> T of(Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new BadInput(e.getMessage());
        }
    }
}
