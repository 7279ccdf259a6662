package clobber.os;

import java.io.Closeable;
import java.io.IOException;

/**
 * An open file: one open file description, read and written at its current offset. A handle
 * returned by a {@link LockPrimitive} holds the lock until it is closed.
 */
public interface OpenFile extends Closeable {

    /** Reads from the current offset to end of file. */
    byte[] readAll() throws IOException;

    void write(byte[] bytes, int offset, int length) throws IOException;

    void seek(long position) throws IOException;

    void truncate(long size) throws IOException;

    /** Flushes the file's data and metadata to the device (fsync(2)). */
    void fsync() throws IOException;

    @Override
    void close() throws IOException;
}
