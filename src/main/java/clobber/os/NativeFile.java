package clobber.os;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A file descriptor of its own, opened with open(2) and used with read(2), write(2), lseek(2),
 * ftruncate(2) and fsync(2) through the FFM API. Each {@link #open} makes a new open file
 * description, which is what flock(2) and OFD locks belong to: two handles from two {@code open}
 * calls exclude each other even in one thread.
 */
public final class NativeFile implements OpenFile {
    private static final int CHUNK = 64 * 1024;

    private final int fd;
    private final Path path;
    private boolean closed;

    private NativeFile(int fd, Path path) {
        this.fd = fd;
        this.path = path;
    }

    /** Opens {@code path} for reading and writing, creating it (mode 0644) if missing. */
    public static NativeFile open(Path path) throws IOException {
        return open(path, Libc.O_RDWR | Libc.O_CREAT, "open");
    }

    /** Opens {@code path} for reading only. */
    static NativeFile openReadOnly(Path path) throws IOException {
        return open(path, Libc.O_RDONLY, "open");
    }

    /** The descriptor, for another call of this package. */
    int descriptor() {
        return fd;
    }

    /** How a lock primitive takes its lock on a freshly opened file. */
    @FunctionalInterface
    interface Locking {
        void lock(NativeFile file) throws IOException;
    }

    /** Opens {@code path} as {@link #open} does, then blocks in {@code locking} until the lock is held. */
    static NativeFile openLocked(Path path, Runnable opened, Locking locking) throws IOException {
        NativeFile file = open(path);
        try {
            opened.run();
            locking.lock(file);
            return file;
        } catch (IOException | RuntimeException e) {
            file.close();
            throw e;
        }
    }

    /**
     * Creates {@code path} only if it does not exist, in one system call (O_CREAT|O_EXCL): of any
     * number of racing callers exactly one gets the file, the others get empty.
     *
     * <p>A taken name is EEXIST, except over sshfs: SFTP (version 3) has no status for "already
     * exists", the server answers SSH_FX_FAILURE, and sshfs maps that to EPERM. So EPERM for a
     * name that is there is a taken name too; for one that is not, a refusal.
     */
    public static Optional<NativeFile> createNew(Path path) throws IOException {
        int flags = Libc.O_RDWR | Libc.O_CREAT | Libc.O_EXCL | Libc.O_CLOEXEC;
        int fd;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment name = arena.allocateFrom(path.toString());
            fd = (int) Libc.attempt("open", (a, state) -> (int) Libc.OPEN.invokeExact(state, name, flags, 0644));
        }
        if (fd == -Libc.EEXIST || fd == -Libc.EPERM && Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        if (fd < 0) {
            throw Libc.failure("open(O_EXCL)", path, -fd);
        }
        return Optional.of(new NativeFile(fd, path));
    }

    /**
     * fsyncs a directory, which makes a rename inside it durable: until then a power cut can bring
     * back the old directory entry, since POSIX ties a rename's durability to its directory.
     */
    public static void fsyncDirectory(Path directory) throws IOException {
        try (NativeFile dir = open(directory, Libc.O_RDONLY | Libc.O_DIRECTORY, "open(O_DIRECTORY)")) {
            dir.fsync();
        }
    }

    private static NativeFile open(Path path, int flags, String call) throws IOException {
        int fd = (int) Libc.call(call, path, (arena, state) -> (int) Libc.OPEN.invokeExact(
                state, arena.allocateFrom(path.toString()), flags | Libc.O_CLOEXEC, 0644));
        return new NativeFile(fd, path);
    }

    @Override
    public byte[] readAll() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(CHUNK);
            long n;
            while ((n = Libc.call("read", path, (a, state) ->
                    (long) Libc.READ.invokeExact(state, fd, buffer, (long) CHUNK))) > 0) {
                out.write(buffer.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE));
            }
        }
        return out.toByteArray();
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(Math.max(1, length));
            MemorySegment.copy(bytes, offset, buffer, ValueLayout.JAVA_BYTE, 0, length);
            long done = 0;
            while (done < length) {
                MemorySegment rest = buffer.asSlice(done, length - done);
                done += Libc.call("write", path, (a, state) ->
                        (long) Libc.WRITE.invokeExact(state, fd, rest, rest.byteSize()));
            }
        }
    }

    @Override
    public void seek(long position) throws IOException {
        Libc.call("lseek", path, (a, state) -> (long) Libc.LSEEK.invokeExact(state, fd, position, Libc.SEEK_SET));
    }

    @Override
    public void truncate(long size) throws IOException {
        Libc.call("ftruncate", path, (a, state) -> (int) Libc.FTRUNCATE.invokeExact(state, fd, size));
    }

    @Override
    public void fsync() throws IOException {
        Libc.call("fsync", path, (a, state) -> (int) Libc.FSYNC.invokeExact(state, fd));
    }

    /** flock(2) on this descriptor's open file description. */
    void flock(int operation) throws IOException {
        Libc.call("flock", path, (a, state) -> (int) Libc.FLOCK.invokeExact(state, fd, operation));
    }

    /** A whole-file fcntl(2) record lock: {@code type} F_WRLCK or F_UNLCK, with {@code command}. */
    void fcntlLock(String call, int command, short type) throws IOException {
        Libc.call(call, path, (arena, state) -> {
            MemorySegment lock = arena.allocate(Libc.FLOCK_STRUCT); // zeroed: start 0, len 0 = whole file
            Libc.L_TYPE.set(lock, 0L, type);
            Libc.L_WHENCE.set(lock, 0L, (short) Libc.SEEK_SET);
            return (int) Libc.FCNTL.invokeExact(state, fd, command, lock);
        });
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            Libc.call("close", path, (a, state) -> (int) Libc.CLOSE.invokeExact(state, fd));
        }
    }
}
