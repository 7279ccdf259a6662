package clobber.strategy;

import java.io.IOException;

/**
 * The bytes read are not a whole JSON object: empty (truncated and not written again), cut off
 * mid-write, garbled, or some other JSON value. What a reader of a half-written file gets.
 */
public final class CorruptDocumentException extends IOException {
    CorruptDocumentException(String message, Throwable cause) {
        super(message, cause);
    }
}
