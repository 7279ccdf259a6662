package dev.clobber.atomicjson;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The data file is not a JSON object: empty, cut off, garbled, not UTF-8, or some other JSON
 * value. The file is left exactly as it is: overwriting it with the result of applying changes to
 * {@code {}} would turn a visible corruption into a silent loss of everything it held. Every
 * update of the commit that found it fails with this exception, until someone repairs the file.
 */
public final class CorruptJsonFileException extends IOException {
    private final transient Path file;
    private final String problem;

    CorruptJsonFileException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem + "; the file is left as it is", cause);
        this.file = file;
        this.problem = problem;
    }

    /** The data file that does not parse. */
    public Path file() {
        return file;
    }

    /** What is wrong with it, e.g. {@code not JSON (12 bytes): Unexpected end-of-input}. */
    public String problem() {
        return problem;
    }
}
