package clobber.driver.powerloss;

/**
 * One operation on the files of the run's directory, as a system-call trace shows it, in the one
 * total order of all writers: what a power cut may keep or lose. Files are named by inode
 * ({@code inode}, a number given in order of creation; the files there before the run are numbered
 * first), so a write to a temp file still counts after the temp file is renamed over the data
 * file, wherever the temp file was written. An entry of the run's directory is named bare
 * ({@code data.json}); one elsewhere on its file system (a temp file in /tmp) by its whole path.
 * {@code who} is the writer whose process made the call, for stories.
 */
sealed interface FsOp {
    String who();

    /** Whether {@code name} is an entry of the run's directory, not a path elsewhere. */
    static boolean inDirectory(String name) {
        return !name.contains("/");
    }

    /** The order of an operation that a power cut may keep or lose; an acknowledgement is neither. */
    default boolean persistable() {
        return !(this instanceof Ack);
    }

    /** A directory entry {@code name} made for a new, empty file. */
    record Create(String who, String name, int inode) implements FsOp {}

    /** {@code bytes} written at {@code offset} of a file. */
    record Write(String who, int inode, long offset, byte[] bytes) implements FsOp {}

    /** A file's length set (an open with O_TRUNC, ftruncate). */
    record Truncate(String who, int inode, long length) implements FsOp {}

    /** fsync or fdatasync of a file: every earlier write and truncate of it is on disk. */
    record SyncFile(String who, int inode) implements FsOp {}

    /** fsync of the run's directory: every earlier create, rename and unlink in it is on disk. */
    record SyncDirectory(String who) implements FsOp {}

    /**
     * The entry {@code from} renamed to {@code to}, replacing what {@code to} named: one atomic
     * change, durable once the run's directory is fsynced (a directory's fsync makes its own
     * entries durable, whichever directory the file came from).
     */
    record Rename(String who, String from, String to, int inode) implements FsOp {}

    /** The entry {@code name} removed. */
    record Unlink(String who, String name) implements FsOp {}

    /** Update {@code seq} of {@code writer} acknowledged: from here on, a state must hold it. */
    record Ack(String who, int writer, int seq) implements FsOp {}

    /** In words, for a story: e.g. "W0 renamed data.json.123.tmp over data.json". */
    default String describe() {
        return switch (this) {
            case Create c -> c.who() + " created " + c.name();
            case Write w -> w.who() + " wrote " + w.bytes().length + " bytes at " + w.offset() + " of file #" + w.inode();
            case Truncate t -> t.who() + " truncated file #" + t.inode() + " to " + t.length() + " bytes";
            case SyncFile s -> s.who() + " fsynced file #" + s.inode();
            case SyncDirectory d -> d.who() + " fsynced the directory";
            case Rename r -> r.who() + " renamed " + r.from() + " over " + r.to();
            case Unlink u -> u.who() + " unlinked " + u.name();
            case Ack a -> a.who() + " acknowledged " + clobber.workload.Keys.key(a.writer(), a.seq());
        };
    }
}
