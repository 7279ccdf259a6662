package clobber.os;

import java.io.IOException;
import java.nio.file.Path;

/**
 * fcntl(2) F_SETLKW, a POSIX record lock over the whole file. The lock belongs to the process, not
 * to the descriptor: two threads of one JVM both "get" it and do not exclude each other at all, and
 * closing <em>any</em> descriptor of the file in that process (a {@code Files.readString}, a config
 * library's own open) silently releases it. It excludes other processes only, and only those that
 * also use fcntl locks: flock(2) holders do not see it on Linux.
 */
public final class PosixLock implements LockPrimitive {

    @Override
    public String name() {
        return "posix";
    }

    @Override
    public String mechanism() {
        return "fcntl(2) `F_SETLKW`, owned by the process; any close of the file in the process drops it";
    }

    @Override
    public boolean excludesThreads() {
        return false;
    }

    @Override
    public OpenFile lock(Path path, Runnable opened) throws IOException {
        return NativeFile.openLocked(path, opened, file -> file.fcntlLock("fcntl(F_SETLKW)", Libc.F_SETLKW, Libc.F_WRLCK));
    }
}
