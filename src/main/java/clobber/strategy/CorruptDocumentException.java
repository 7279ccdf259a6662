package clobber.strategy;

import java.io.IOException;

/**
 * The bytes read are not a whole document: empty (truncated and not written again), cut off
 * mid-write, garbled, or some other value than an object (a JSON object, or the mapping of the
 * run's {@code --format}). What a reader of a half-written file gets.
 */
public final class CorruptDocumentException extends IOException {
    public CorruptDocumentException(String message, Throwable cause) {
        super(message, cause);
    }
}
