package clobber.os;

import java.io.IOException;
import java.nio.file.Path;

/**
 * fcntl(2) F_OFD_SETLKW (Linux 3.15+), an open-file-description lock: byte ranges like a POSIX
 * lock, ownership like flock(2). Two threads with their own {@code open} exclude each other, and
 * closing an unrelated descriptor of the file does not release it. It conflicts with POSIX locks
 * on the same file (both are fcntl record locks), but not with flock(2).
 */
public final class OfdLock implements LockPrimitive {

    @Override
    public String name() {
        return "ofd";
    }

    @Override
    public String mechanism() {
        return "fcntl(2) `F_OFD_SETLKW`, owned by the open file description";
    }

    @Override
    public boolean excludesThreads() {
        return true;
    }

    @Override
    public OpenFile lock(Path path, Runnable opened) throws IOException {
        return NativeFile.openLocked(path, opened, file -> file.fcntlLock("fcntl(F_OFD_SETLKW)", Libc.F_OFD_SETLKW, Libc.F_WRLCK));
    }
}
