package clobber.os;

import java.io.IOException;

/** A libc call failed: which call, on which file, and the errno it set. */
public final class ErrnoException extends IOException {
    private final int errno;

    ErrnoException(String call, String file, int errno, String description) {
        super(call + "(" + file + "): " + description + " (errno " + errno + ")");
        this.errno = errno;
    }

    public int errno() {
        return errno;
    }

    /** ENOSPC: the file system had no block left for the call. */
    public boolean noSpace() {
        return errno == Libc.ENOSPC;
    }
}
