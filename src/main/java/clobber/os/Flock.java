package clobber.os;

import java.io.IOException;
import java.nio.file.Path;

/**
 * flock(2), LOCK_EX. The lock belongs to the open file description: every {@code open} makes a new
 * one, so two threads that each open the file exclude each other exactly as two processes do, and
 * closing some other descriptor of the same file does not release it. It locks an inode, not a
 * name: whoever opened the file before a rename replaced it holds a lock on the old inode, which no
 * later opener will ever contend for. On Linux it does not see fcntl locks at all (nor they it).
 */
public final class Flock implements LockPrimitive {

    @Override
    public String name() {
        return "flock";
    }

    @Override
    public String mechanism() {
        return "flock(2), owned by the open file description: each writer opens the lock file afresh";
    }

    @Override
    public boolean excludesThreads() {
        return true;
    }

    @Override
    public OpenFile lock(Path path, Runnable opened) throws IOException {
        return NativeFile.openLocked(path, opened, file -> file.flock(Libc.LOCK_EX));
    }
}
