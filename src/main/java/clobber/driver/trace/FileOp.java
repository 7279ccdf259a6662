package clobber.driver.trace;

/**
 * What a traced call did to a file, once {@link Replay} has followed its descriptors and names:
 * the call it came from, and the file it touched as a {@link Handle} (the open file description,
 * the inode, the name it was opened by). Only calls on files of the followed file system are
 * here, and writes to pipes ({@link Output}), which carry writers' protocol lines.
 */
public sealed interface FileOp {
    Call call();

    default String who() {
        return call().who();
    }

    /**
     * A file opened: {@code newName} if the open created a name the replay had not seen
     * ({@code O_CREAT}), {@code truncated} with {@code O_TRUNC}, {@code exclusive} with
     * {@code O_CREAT|O_EXCL}, which succeeds only for the one caller that creates the name.
     */
    record Opened(Call call, Handle file, boolean newName, boolean truncated, boolean exclusive) implements FileOp {}

    /** {@code length} bytes read. */
    record Read(Call call, Handle file, long length) implements FileOp {}

    /** {@code bytes} written at {@code offset} ({@code length} of them; the bytes themselves only where the trace kept them). */
    record Wrote(Call call, Handle file, long offset, long length, byte[] bytes) implements FileOp {}

    /** A file's length set by ftruncate or truncate; {@code file} is null for truncate(2), which names it by path. */
    record Truncated(Call call, Handle file, int inode, String path, long length) implements FileOp {}

    /** fsync or fdatasync of a file or a directory. */
    record Synced(Call call, Handle file) implements FileOp {}

    /** The name {@code from} moved to {@code to}, with its inode; {@code replaced} is the inode {@code to} named before (-1: none). */
    record Renamed(Call call, String from, String to, int inode, int replaced) implements FileOp {}

    /** The name {@code path}, of {@code inode}, removed. */
    record Unlinked(Call call, String path, int inode) implements FileOp {}

    /** A directory made ({@code made}) or removed: a lock, where a writer uses mkdir as one. */
    record Directory(Call call, String path, boolean made) implements FileOp {}

    /** A lock call on a descriptor: flock(2), or an fcntl(2) record lock of the process or of the open file description. */
    record Locked(Call call, Handle file, LockCall lock) implements FileOp {}

    /** A descriptor closed, explicitly or because its task ended or exec'd; {@code lastReference} if no descriptor of its open file description is left. */
    record Closed(Call call, Handle file, int process, boolean lastReference) implements FileOp {}

    /** A file mapped into memory: what is written through a shared, writable mapping never shows in a trace. */
    record Mapped(Call call, Handle file, boolean shared, boolean writable) implements FileOp {}

    /** Bytes written to a pipe ({@code channel}, e.g. {@code pipe:[4711]}): a writer's protocol lines, among others. */
    record Output(Call call, String channel, byte[] bytes) implements FileOp {}
}
