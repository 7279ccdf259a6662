package clobber.os;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * One OS mechanism for an exclusive whole-file lock. The mechanisms differ in who owns the lock,
 * and so in whom it excludes: see each implementation's comment.
 */
public interface LockPrimitive {

    /** The name used on the command line: {@code flock}, {@code posix}, {@code ofd}, {@code channel}. */
    String name();

    /** The mechanism and who owns the lock, in a sentence (Markdown), as the README's table of locks shows it. */
    String mechanism();

    /** Whether two threads of one process, each with its own handle from {@link #lock}, exclude each other. */
    boolean excludesThreads();

    /**
     * Opens {@code path} (creating it if missing) and blocks until this primitive's exclusive lock
     * on it is held. Closing the returned handle releases the lock.
     */
    default OpenFile lock(Path path) throws IOException {
        return lock(path, () -> { });
    }

    /**
     * {@link #lock(Path)}, running {@code opened} between the open and the lock request: the moment
     * a writer holds a descriptor of the file (of one inode, if a rename later replaces the name)
     * and has not yet asked for its lock.
     */
    OpenFile lock(Path path, Runnable opened) throws IOException;

    /** Every primitive, the default ({@link Flock}) first. */
    static List<LockPrimitive> all() {
        return List.of(new Flock(), new PosixLock(), new OfdLock(), new ChannelLock());
    }

    /** The primitive called {@code name}, or an {@link IllegalArgumentException} listing the names. */
    static LockPrimitive named(String name) {
        return Named.find("lock", name, all(), LockPrimitive::name);
    }
}
