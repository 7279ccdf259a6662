package dev.clobber.atomicjson;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.file.Path;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * An exclusive flock(2) on {@code <file>.lock}, held from {@link #exclusive} to {@link #close}:
 * the lock Python's {@code fcntl.flock}, the shell's {@code flock(1)} and C writers take, so all
 * of them and this library can share one file. Java has no flock: {@code FileChannel.lock()} is an
 * fcntl(2) record lock, which on Linux does not see flock locks at all (nor they it), and which a
 * close of any other descriptor of the file silently drops. So three libc calls are bound here
 * through the FFM API: open, flock, close.
 *
 * <p>The lock belongs to the open file description this {@code open} makes: two threads of one
 * process exclude each other as two processes do, and closing the only descriptor releases it,
 * also when the process dies. {@code open} is variadic in C (the mode is the variadic part); bound
 * as a fixed-argument function, on x86-64 the mode would arrive as garbage. errno is captured in
 * the call itself: read afterwards, the JVM's own calls may have overwritten it.
 */
final class LockFile implements AutoCloseable {
    private static final int O_RDWR = 2;
    private static final int O_CREAT = 0100;
    private static final int O_CLOEXEC = 02000000;
    private static final int MODE = 0644;
    private static final int LOCK_EX = 2;
    private static final int EINTR = 4;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final MethodHandle OPEN = bind("open",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT), Linker.Option.firstVariadicArg(2));
    private static final MethodHandle FLOCK = bind("flock", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle CLOSE = bind("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle STRERROR = LINKER.downcallHandle(
            LINKER.defaultLookup().findOrThrow("strerror"), FunctionDescriptor.of(ADDRESS, JAVA_INT));

    private final Path path;
    private final int fd;

    private LockFile(Path path, int fd) {
        this.path = path;
        this.fd = fd;
    }

    /** Opens {@code path} (creating it 0644, less the umask, if missing) and blocks until it holds LOCK_EX. */
    static LockFile exclusive(Path path) throws IOException {
        int fd = call("open", path, (arena, state) -> (int) OPEN.invokeExact(
                state, arena.allocateFrom(path.toString()), O_RDWR | O_CREAT | O_CLOEXEC, MODE));
        LockFile file = new LockFile(path, fd);
        try {
            call("flock", path, (arena, state) -> (int) FLOCK.invokeExact(state, fd, LOCK_EX));
        } catch (IOException | RuntimeException e) {
            file.close();
            throw e;
        }
        return file;
    }

    /** Closes the descriptor, which releases the lock: no other descriptor shares its open file description. */
    @Override
    public void close() throws IOException {
        call("close", path, (arena, state) -> (int) CLOSE.invokeExact(state, fd));
    }

    private static MethodHandle bind(String name, FunctionDescriptor descriptor, Linker.Option... more) {
        Linker.Option[] options = new Linker.Option[more.length + 1];
        options[0] = Linker.Option.captureCallState("errno");
        System.arraycopy(more, 0, options, 1, more.length);
        return LINKER.downcallHandle(LINKER.defaultLookup().findOrThrow(name), descriptor, options);
    }

    @FunctionalInterface
    private interface Call {
        int invoke(Arena arena, MemorySegment callState) throws Throwable;
    }

    /**
     * Runs {@code call}, again while a signal interrupts it (EINTR: a wait for the lock can see
     * one), and returns its result or throws its errno as an IOException naming the call and file.
     * close is never retried: Linux has released the descriptor even when it reports EINTR.
     */
    private static int call(String name, Path path, Call call) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            while (true) {
                int result = call.invoke(arena, state);
                if (result >= 0) {
                    return result;
                }
                int errno = (int) ERRNO.get(state, 0L);
                if (errno != EINTR || name.equals("close")) {
                    throw new IOException(name + " " + path + ": " + describe(errno));
                }
            }
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(name + " could not be called", t);
        }
    }

    private static String describe(int errno) {
        try {
            return ((MemorySegment) STRERROR.invokeExact(errno)).reinterpret(1024).getString(0);
        } catch (Throwable t) {
            return "errno " + errno;
        }
    }
}
