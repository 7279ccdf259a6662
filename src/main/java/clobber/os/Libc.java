package clobber.os;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * The handful of libc calls clobber needs, bound with the Foreign Function & Memory API: no JNI, no
 * native build step. Every binding captures {@code errno} in the same call (reading it afterwards
 * from Java would race with the JVM's own calls), and {@link #call} turns a failure into an
 * {@link ErrnoException} naming the call, the file and the error.
 *
 * <p>Constants are Linux's. {@code open} and {@code fcntl} are variadic in C, so their bindings say
 * where the variadic part starts: on x86-64 a variadic call passes arguments differently, and
 * binding them as fixed would pass garbage for the mode or the lock structure.
 */
final class Libc {
    private Libc() {}

    static final int O_RDONLY = 0;
    static final int O_RDWR = 2;
    static final int O_CREAT = 0100;
    static final int O_EXCL = 0200;
    static final int O_CLOEXEC = 02000000;
    static final int O_DIRECTORY = "aarch64".equals(System.getProperty("os.arch")) ? 040000 : 0200000;

    static final int SEEK_SET = 0;

    static final int LOCK_EX = 2;
    static final int LOCK_UN = 8;

    static final int F_SETLKW = 7;
    static final int F_OFD_SETLKW = 38;
    static final short F_WRLCK = 1;
    static final short F_UNLCK = 2;

    static final int EINTR = 4;
    static final int EPERM = 1;
    static final int EEXIST = 17;
    static final int ENXIO = 6;
    static final int EBUSY = 16;
    static final int ENOSPC = 28;

    /** struct flock on 64-bit Linux: l_type, l_whence, l_start, l_len, l_pid. */
    static final StructLayout FLOCK_STRUCT = MemoryLayout.structLayout(
            JAVA_SHORT.withName("l_type"),
            JAVA_SHORT.withName("l_whence"),
            MemoryLayout.paddingLayout(4),
            JAVA_LONG.withName("l_start"),
            JAVA_LONG.withName("l_len"),
            JAVA_INT.withName("l_pid"),
            MemoryLayout.paddingLayout(4));
    static final VarHandle L_TYPE = FLOCK_STRUCT.varHandle(MemoryLayout.PathElement.groupElement("l_type"));
    static final VarHandle L_WHENCE = FLOCK_STRUCT.varHandle(MemoryLayout.PathElement.groupElement("l_whence"));

    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO =
            CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");

    static final MethodHandle OPEN = bind("open",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT), Linker.Option.firstVariadicArg(2));
    static final MethodHandle READ = bind("read",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    static final MethodHandle WRITE = bind("write",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    static final MethodHandle LSEEK = bind("lseek",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_INT));
    static final MethodHandle FTRUNCATE = bind("ftruncate",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG));
    static final MethodHandle FSYNC = bind("fsync", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    static final MethodHandle CLOSE = bind("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    static final MethodHandle FLOCK = bind("flock", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    static final MethodHandle GETPID = bind("getpid", FunctionDescriptor.of(JAVA_INT));
    static final MethodHandle GETTID = bind("gettid", FunctionDescriptor.of(JAVA_INT));
    static final MethodHandle KILL = bind("kill", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    static final int SIGKILL = 9;
    static final MethodHandle FCNTL = bind("fcntl",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS), Linker.Option.firstVariadicArg(2));
    /** fcntl(2) with an int argument, as F_DUPFD_CLOEXEC takes. */
    static final MethodHandle FCNTL_INT = bind("fcntl",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT), Linker.Option.firstVariadicArg(2));
    static final int F_DUPFD_CLOEXEC = 1030;
    static final MethodHandle DUP3 = bind("dup3", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    // Block devices and mounts: the real file systems of clobber.driver.blockdev.
    static final MethodHandle PREAD = bind("pread",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_LONG));
    static final MethodHandle PWRITE = bind("pwrite",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_LONG));
    static final MethodHandle SYNCFS = bind("syncfs", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    static final MethodHandle FALLOCATE = bind("fallocate",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_LONG));
    static final MethodHandle MOUNT = bind("mount",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS));
    static final MethodHandle UMOUNT2 = bind("umount2", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    /** ioctl(2) is variadic too: its third argument, a pointer here, is the variadic part. */
    static final MethodHandle IOCTL = bind("ioctl",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS), Linker.Option.firstVariadicArg(2));
    private static final MethodHandle STRERROR = LINKER.downcallHandle(
            LINKER.defaultLookup().findOrThrow("strerror"), FunctionDescriptor.of(ADDRESS, JAVA_INT));

    private static MethodHandle bind(String name, FunctionDescriptor descriptor, Linker.Option... more) {
        Linker.Option[] options = new Linker.Option[more.length + 1];
        options[0] = CAPTURE_ERRNO;
        System.arraycopy(more, 0, options, 1, more.length);
        return LINKER.downcallHandle(LINKER.defaultLookup().findOrThrow(name), descriptor, options);
    }

    /** One native call: given a place to capture errno, returns the call's result (negative on failure). */
    @FunctionalInterface
    interface Call {
        long invoke(Arena arena, MemorySegment callState) throws Throwable;
    }

    /**
     * Runs {@code call}, retrying it while a signal interrupts it (EINTR: a blocked lock wait can
     * see one), and returns its result or throws its errno as an {@link ErrnoException}.
     */
    static long call(String name, Object file, Call call) throws IOException {
        long result = attempt(name, call);
        if (result < 0) {
            throw failure(name, file, (int) -result);
        }
        return result;
    }

    static ErrnoException failure(String name, Object file, int errno) {
        return new ErrnoException(name, String.valueOf(file), errno, describe(errno));
    }

    /**
     * As {@link #call}, but a failure is returned as {@code -errno} instead of thrown: for calls
     * whose failure is an expected answer (O_EXCL on a taken name), where an exception per
     * answer would cost more than the system call.
     */
    static long attempt(String name, Call call) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            long result;
            do {
                result = call.invoke(arena, state);
            } while (result < 0 && errno(state) == EINTR && !name.equals("close"));
            return result < 0 ? -errno(state) : result;
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(name + " could not be called", t);
        }
    }

    private static int errno(MemorySegment callState) {
        return (int) ERRNO.get(callState, 0L);
    }

    private static String describe(int errno) {
        try {
            MemorySegment text = (MemorySegment) STRERROR.invokeExact(errno);
            return text.reinterpret(1024).getString(0);
        } catch (Throwable t) {
            return "errno " + errno;
        }
    }
}
