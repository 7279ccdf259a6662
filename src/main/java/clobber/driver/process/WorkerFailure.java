package clobber.driver.process;

import java.io.IOException;

/**
 * A writer process could not take part: it did not start, died before it was ready, or broke the
 * line protocol. For an external writer this is the user's input at fault, said in one line
 * naming the writer and quoting its stderr.
 */
public final class WorkerFailure extends IOException {
    private final boolean external;

    public WorkerFailure(String message, boolean external) {
        super(message);
        this.external = external;
    }

    /** Whether the failed writer was an external program (--writer-cmd) rather than a clobber worker. */
    public boolean external() {
        return external;
    }
}
