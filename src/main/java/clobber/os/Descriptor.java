package clobber.os;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;

/**
 * A raw file descriptor for the block-device machinery: {@code /dev/fuse}, disk images, loop
 * devices, a mounted file system's root. I/O goes between the descriptor and native memory
 * ({@link MemorySegment}), with no copy into the Java heap: a FUSE request of a megabyte is read,
 * written to the image and logged from one buffer. Always opened with O_CLOEXEC, so that no
 * process clobber starts inherits it: a child holding {@code /dev/fuse} would keep a FUSE server
 * "alive" after the server died, and every request to it would hang.
 */
public final class Descriptor implements AutoCloseable {
    private static final int SEEK_DATA = 3;
    private static final int SEEK_HOLE = 4;

    private final int fd;
    private final Object name;
    private boolean closed;

    private Descriptor(int fd, Object name) {
        this.fd = fd;
        this.name = name;
    }

    /** Opens {@code path} for reading and writing; it must exist. */
    public static Descriptor openReadWrite(Path path) throws IOException {
        return open(path, Libc.O_RDWR);
    }

    /** Opens {@code path} for reading only (a directory too). */
    public static Descriptor openReadOnly(Path path) throws IOException {
        return open(path, Libc.O_RDONLY);
    }

    private static Descriptor open(Path path, int flags) throws IOException {
        int fd = (int) Libc.call("open", path, (arena, state) -> (int) Libc.OPEN.invokeExact(
                state, arena.allocateFrom(path.toString()), flags | Libc.O_CLOEXEC, 0644));
        return new Descriptor(fd, path);
    }

    /** The descriptor's number, as a mount option ({@code fd=N}) or an ioctl argument names it. */
    public int number() {
        return fd;
    }

    /**
     * One read(2) into {@code into}: the byte count, or {@code -errno} when it fails. A FUSE
     * device answers each read with one whole request, and with errors that are answers
     * (ENODEV once the file system is unmounted), so they are returned, not thrown.
     */
    public long readOnce(MemorySegment into) {
        return Libc.attempt("read", (a, state) -> (long) Libc.READ.invokeExact(state, fd, into, into.byteSize()));
    }

    /** One write(2) of all of {@code bytes}: the byte count, or {@code -errno}. */
    public long writeOnce(MemorySegment bytes) {
        return Libc.attempt("write", (a, state) -> (long) Libc.WRITE.invokeExact(state, fd, bytes, bytes.byteSize()));
    }

    /** Writes all of {@code bytes} at the descriptor's position. */
    public void writeFully(MemorySegment bytes) throws IOException {
        long done = 0;
        while (done < bytes.byteSize()) {
            MemorySegment rest = bytes.asSlice(done);
            done += Libc.call("write", name, (a, state) -> (long) Libc.WRITE.invokeExact(state, fd, rest, rest.byteSize()));
        }
    }

    /** Writes all of {@code bytes} at {@code offset} (pwrite(2)). */
    public void writeFully(MemorySegment bytes, long offset) throws IOException {
        long done = 0;
        while (done < bytes.byteSize()) {
            MemorySegment rest = bytes.asSlice(done);
            long at = offset + done;
            done += Libc.call("pwrite", name, (a, state) -> (long) Libc.PWRITE.invokeExact(state, fd, rest, rest.byteSize(), at));
        }
    }

    /** Fills {@code into} from {@code offset} (pread(2)); past the end of the file it is zeros. */
    public void readFully(MemorySegment into, long offset) throws IOException {
        long done = 0;
        while (done < into.byteSize()) {
            MemorySegment rest = into.asSlice(done);
            long at = offset + done;
            long n = Libc.call("pread", name, (a, state) -> (long) Libc.PREAD.invokeExact(state, fd, rest, rest.byteSize(), at));
            if (n == 0) {
                rest.fill((byte) 0);
                return;
            }
            done += n;
        }
    }

    /**
     * Where the next data (not a hole) starts at or after {@code from}, or -1 if none does:
     * lseek(2) SEEK_DATA, which lets a sparse image be read without reading its holes.
     */
    public long nextData(long from) throws IOException {
        return seek(from, SEEK_DATA, "lseek(SEEK_DATA)");
    }

    /** Where the hole after {@code from} starts (the file's end counts as one): lseek(2) SEEK_HOLE. */
    public long nextHole(long from) throws IOException {
        return seek(from, SEEK_HOLE, "lseek(SEEK_HOLE)");
    }

    private long seek(long from, int whence, String call) throws IOException {
        long at = Libc.attempt(call, (a, state) -> (long) Libc.LSEEK.invokeExact(state, fd, from, whence));
        if (at == -Libc.ENXIO) {
            return -1;
        }
        if (at < 0) {
            throw Libc.failure(call, name, (int) -at);
        }
        return at;
    }

    /** Sets the file's size (ftruncate(2)): a larger size is a hole, costing no space. */
    public void truncate(long size) throws IOException {
        Libc.call("ftruncate", name, (a, state) -> (int) Libc.FTRUNCATE.invokeExact(state, fd, size));
    }

    /** Allocates {@code length} bytes at {@code offset} (fallocate(2), mode 0): blocks taken, nothing written. */
    public void allocate(long offset, long length) throws IOException {
        Libc.call("fallocate", name, (a, state) -> (int) Libc.FALLOCATE.invokeExact(state, fd, 0, offset, length));
    }

    /** syncfs(2): writes back the whole file system this descriptor is on, and flushes its device. */
    public void syncFileSystem() throws IOException {
        Libc.call("syncfs", name, (a, state) -> (int) Libc.SYNCFS.invokeExact(state, fd));
    }

    /** ioctl(2) {@code request} with {@code argument} (a structure, or NULL); its non-negative result. */
    public int ioctl(String call, long request, MemorySegment argument) throws IOException {
        return (int) Libc.call(call, name, (a, state) -> (int) Libc.IOCTL.invokeExact(state, fd, request, argument));
    }

    /** As {@link #ioctl}, with a failure returned as {@code -errno}: for requests whose refusal is an answer (EBUSY). */
    int ioctlAttempt(String call, long request, MemorySegment argument) {
        return (int) Libc.attempt(call, (a, state) -> (int) Libc.IOCTL.invokeExact(state, fd, request, argument));
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            Libc.call("close", name, (a, state) -> (int) Libc.CLOSE.invokeExact(state, fd));
        }
    }

    @Override
    public String toString() {
        return "fd " + fd + " (" + name + ")";
    }
}
