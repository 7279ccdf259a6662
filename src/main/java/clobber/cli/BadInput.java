package clobber.cli;

/** The user asked for something that cannot be done: reported in one line, exit code 2. */
final class BadInput extends RuntimeException {
    BadInput(String message) {
        super(message);
    }
}
