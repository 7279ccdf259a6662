package clobber.os;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;

/**
 * mount(2) and umount2(2), called directly: the mount(8) tool costs 9-27 ms a call where the
 * system call costs 1-2 ms, which matters at one mount per crash state. A mount made here lives
 * in the calling process's mount namespace (see {@code clobber.driver.blockdev.PrivateNamespace}).
 */
public final class Mounts {
    public static final long MS_RDONLY = 1;
    public static final long MS_NOSUID = 2;
    public static final long MS_NODEV = 4;
    public static final long MS_NOEXEC = 8;
    public static final long MS_SYNCHRONOUS = 16;
    public static final long MS_DIRSYNC = 128;
    public static final long MS_NOATIME = 1024;
    public static final long MS_NODIRATIME = 2048;
    public static final long MS_SILENT = 32768;
    public static final long MS_RELATIME = 1 << 21;
    public static final long MS_STRICTATIME = 1 << 24;
    public static final long MS_LAZYTIME = 1 << 25;

    private static final int MNT_DETACH = 2;

    private Mounts() {}

    /** Mounts {@code source} of file system {@code type} at {@code target}; {@code data} holds the file system's own options. */
    public static void mount(String source, Path target, String type, long flags, String data) throws IOException {
        Libc.call("mount", source + " on " + target + " (" + type + (data.isEmpty() ? "" : ", " + data) + ")",
                (arena, state) -> (int) Libc.MOUNT.invokeExact(state, arena.allocateFrom(source),
                        arena.allocateFrom(target.toString()), arena.allocateFrom(type), flags, text(arena, data)));
    }

    /** Unmounts {@code target}; fails (EBUSY) while a file on it is open. */
    public static void unmount(Path target) throws IOException {
        unmount(target, 0, "umount2");
    }

    /**
     * Detaches {@code target} from the mount tree at once (MNT_DETACH); the file system itself
     * goes when the last file open on it is closed.
     */
    public static void detach(Path target) throws IOException {
        unmount(target, MNT_DETACH, "umount2(MNT_DETACH)");
    }

    /** Whether {@code error} is umount's "device or resource busy". */
    public static boolean busy(IOException error) {
        return error instanceof ErrnoException e && e.errno() == Libc.EBUSY;
    }

    private static void unmount(Path target, int flags, String call) throws IOException {
        Libc.call(call, target, (arena, state) -> (int) Libc.UMOUNT2.invokeExact(state,
                arena.allocateFrom(target.toString()), flags));
    }

    private static MemorySegment text(Arena arena, String data) {
        return data.isEmpty() ? MemorySegment.NULL : arena.allocateFrom(data);
    }
}
