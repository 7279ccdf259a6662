package clobber.driver.trace;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Replays a merged trace over a model of the kernel's file tables, so that every call names the
 * file it touched: each task's descriptor table (shared by threads, copied by fork, closed
 * {@code O_CLOEXEC} at exec and all at once when the last task using it ends), each open file
 * description (shared by dup and fork: the file, its position, its references), and one
 * namespace of names to inodes across every directory of the followed file system, moved by
 * rename and unlink, so that a temp file written in /tmp and renamed into place is one file
 * throughout. Inodes are numbered in the order the replay meets them, the files that were there
 * before the run first.
 *
 * <p>Where the trace does not say, the replay assumes the plain case: a descriptor it never saw
 * opened (one inherited from outside the trace, stdout) is a file of the path strace gave it; a
 * read moves the position only where reads are traced.
 */
public final class Replay {
    private final Predicate<String> followed;
    private final Map<String, Integer> names = new HashMap<>();
    private final Map<Integer, Long> sizes = new HashMap<>();
    private final Map<String, Task> tasks = new HashMap<>();
    private final Map<String, Boolean> directories = new HashMap<>();
    private final List<FileOp> ops = new ArrayList<>();
    private final String launchDirectory;
    private int inodes;
    private int descriptions;

    private static final class Description {
        final int id;
        final int inode;
        final String path;
        final boolean directory;
        final boolean append;
        long position;
        int references;

        Description(int id, int inode, String path, boolean directory, boolean append) {
            this.id = id;
            this.inode = inode;
            this.path = path;
            this.directory = directory;
            this.append = append;
        }
    }

    private static final class Slot {
        final Description description;
        boolean closeOnExec;

        Slot(Description description, boolean closeOnExec) {
            this.description = description;
            this.closeOnExec = closeOnExec;
            description.references++;
        }
    }

    private static final class Table {
        final Map<Integer, Slot> fds = new TreeMap<>();
        int users;
    }

    private static final class Task {
        final int process;
        Table table;
        String cwd;

        Task(int process, Table table, String cwd) {
            this.process = process;
            this.table = table;
            this.cwd = cwd;
            table.users++;
        }
    }

    private Replay(Predicate<String> followed, String launchDirectory) {
        this.followed = followed;
        this.launchDirectory = launchDirectory;
    }

    /**
     * The file operations of {@code calls} (merged, in order), on the files {@code followed}
     * accepts; {@code existing} are the files there before the run, numbered 0, 1, ... in that
     * order, each of {@code sizes} bytes; {@code launchDirectory} is where the traced writers started.
     */
    public static List<FileOp> of(List<Call> calls, List<String> existing, Map<String, Long> existingSizes,
                                  Predicate<String> followed, String launchDirectory) {
        Replay replay = new Replay(followed, launchDirectory);
        for (String path : existing) {
            replay.sizes.put(replay.inodeOf(path), existingSizes.getOrDefault(path, 0L));
        }
        for (Call call : calls) {
            if (call.result() == Call.UNKNOWN && !call.name().equals(Call.GONE)) {
                continue; // its task died inside it: what it did, if anything, is not known
            }
            replay.apply(call);
        }
        return List.copyOf(replay.ops);
    }

    private int inodeOf(String path) {
        return names.computeIfAbsent(path, p -> inodes++);
    }

    private Task task(Call call) {
        return tasks.computeIfAbsent(call.who() + " " + call.pid(), k -> new Task(call.pid(), new Table(), launchDirectory));
    }

    private void apply(Call call) {
        if (call.failed()) {
            return; // failed calls change nothing
        }
        Task task = task(call);
        switch (call.name()) {
            case "open" -> opened(call, task, call.string(0), call.arg(1));
            case "openat" -> opened(call, task, call.string(1), call.arg(2));
            case "openat2" -> opened(call, task, call.string(1), call.field(2, "flags"));
            case "creat" -> opened(call, task, call.string(0), "O_CREAT|O_WRONLY|O_TRUNC");
            case "read", "readv" -> read(call, task, true);
            case "pread64", "preadv", "preadv2" -> read(call, task, false);
            case "write" -> wrote(call, task, -1, call.bytes(1));
            case "writev" -> wrote(call, task, -1, call.iovecBytes(1));
            case "pwrite64" -> wrote(call, task, Long.parseLong(call.arg(3)), call.bytes(1));
            case "pwritev", "pwritev2" -> wrote(call, task, Long.parseLong(call.arg(3)), call.iovecBytes(1));
            case "lseek" -> slot(call, task, 0).description.position = call.result();
            case "ftruncate" -> {
                Description d = slot(call, task, 0).description;
                truncated(call, handle(task, d, call.fd(0)), d.inode, d.path, Long.parseLong(call.arg(1)));
            }
            case "truncate" -> {
                String path = resolve(task.cwd, call.string(0));
                if (followed.test(path)) {
                    truncated(call, null, inodeOf(path), path, Long.parseLong(call.arg(1)));
                }
            }
            case "fsync", "fdatasync" -> {
                Description d = slot(call, task, 0).description;
                if (d.inode >= 0) {
                    ops.add(new FileOp.Synced(call, handle(task, d, call.fd(0))));
                }
            }
            case "rename" -> renamed(call, resolve(task.cwd, call.string(0)), resolve(task.cwd, call.string(1)), "");
            case "renameat" -> renamed(call, at(call, task, 0, 1), at(call, task, 2, 3), "");
            case "renameat2" -> renamed(call, at(call, task, 0, 1), at(call, task, 2, 3), call.arg(4));
            case "unlink" -> unlinked(call, resolve(task.cwd, call.string(0)), false);
            case "unlinkat" -> unlinked(call, at(call, task, 0, 1), call.arg(2).contains("AT_REMOVEDIR"));
            case "rmdir" -> unlinked(call, resolve(task.cwd, call.string(0)), true);
            case "mkdir" -> directory(call, resolve(task.cwd, call.string(0)));
            case "mkdirat" -> directory(call, at(call, task, 0, 1));
            case "flock" -> locked(call, task, new LockCall(LockCall.Kind.FLOCK, flockMode(call.arg(1)), 0, 0));
            case "fcntl" -> fcntl(call, task);
            case "dup" -> duplicated(call, task, (int) call.result(), false);
            case "dup2" -> duplicated(call, task, (int) call.result(), false);
            case "dup3" -> duplicated(call, task, (int) call.result(), call.arg(2).contains("O_CLOEXEC"));
            case "close" -> closed(call, task, call.fd(0));
            case "close_range" -> closeRange(call, task);
            case "mmap" -> mapped(call, task);
            case "chdir" -> task.cwd = resolve(task.cwd, call.string(0));
            case "fchdir" -> task.cwd = slot(call, task, 0).description.path;
            case "clone", "clone3" -> cloned(call, task, String.join(",", call.args()));
            case "fork", "vfork" -> cloned(call, task, "");
            case "execve", "execveat" -> exec(call, task);
            case Call.GONE -> gone(call, task);
            default -> { }
        }
    }

    /** {@code name} relative to the directory of descriptor argument {@code dirArg} (or AT_FDCWD's). */
    private String at(Call call, Task task, int dirArg, int nameArg) {
        String name = call.string(nameArg);
        String base = call.fdPath(dirArg);
        return resolve(base != null ? base : task.cwd, name);
    }

    private static String resolve(String base, String name) {
        return Path.of(base).resolve(name).normalize().toString();
    }

    private boolean isDirectory(String path, String flags) {
        return flags.contains("O_DIRECTORY") || directories.computeIfAbsent(path, p -> Files.isDirectory(Path.of(p)));
    }

    /** The slot of descriptor argument {@code arg}; one made from the path strace gave it if the replay never saw it opened. */
    private Slot slot(Call call, Task task, int arg) {
        int fd = call.fd(arg);
        Slot slot = task.table.fds.get(fd);
        if (slot == null) {
            String path = call.fdPath(arg);
            slot = new Slot(description(path == null ? "?" : path, ""), false);
            task.table.fds.put(fd, slot);
        }
        return slot;
    }

    private Description description(String path, String flags) {
        boolean file = path.startsWith("/") && followed.test(path);
        int inode = file ? inodeOf(path) : -1;
        return new Description(descriptions++, inode, path, file && isDirectory(path, flags), flags.contains("O_APPEND"));
    }

    private static Handle handle(Task task, Description d, int fd) {
        return new Handle(d.id, d.inode, d.path, d.directory, task.process, fd);
    }

    private void opened(Call call, Task task, String requested, String flags) {
        String path = call.resultPath() != null ? call.resultPath() : resolve(task.cwd, requested);
        boolean creating = flags.contains("O_CREAT");
        boolean newName = creating && !names.containsKey(path);
        Description d = description(path, flags);
        Slot old = task.table.fds.remove((int) call.result());
        if (old != null) {
            old.description.references--; // a descriptor the replay missed closing
        }
        task.table.fds.put((int) call.result(), new Slot(d, flags.contains("O_CLOEXEC")));
        if (d.inode < 0) {
            return;
        }
        boolean truncated = flags.contains("O_TRUNC") && !d.directory;
        if (truncated || newName) {
            sizes.put(d.inode, 0L);
        }
        ops.add(new FileOp.Opened(call, handle(task, d, (int) call.result()), newName, truncated,
                creating && flags.contains("O_EXCL")));
    }

    private void read(Call call, Task task, boolean moves) {
        Description d = slot(call, task, 0).description;
        if (moves) {
            d.position += call.result();
        }
        if (d.inode >= 0) {
            ops.add(new FileOp.Read(call, handle(task, d, call.fd(0)), call.result()));
        }
    }

    private void wrote(Call call, Task task, long at, byte[] data) {
        Description d = slot(call, task, 0).description;
        long length = call.result();
        if (d.inode < 0) {
            if (d.path.startsWith("pipe:")) {
                ops.add(new FileOp.Output(call, d.path, java.util.Arrays.copyOf(data, (int) Math.min(data.length, length))));
            }
            return;
        }
        long size = sizes.getOrDefault(d.inode, 0L);
        long offset = at >= 0 ? at : d.append ? size : d.position;
        if (at < 0) {
            d.position = offset + length;
        }
        sizes.put(d.inode, Math.max(size, offset + length));
        byte[] kept = data.length >= length ? java.util.Arrays.copyOf(data, (int) length) : null;
        ops.add(new FileOp.Wrote(call, handle(task, d, call.fd(0)), offset, length, kept));
    }

    private void truncated(Call call, Handle file, int inode, String path, long length) {
        if (inode < 0) {
            return;
        }
        sizes.put(inode, length);
        ops.add(new FileOp.Truncated(call, file, inode, path, length));
    }

    private void renamed(Call call, String from, String to, String flags) {
        if (!followed.test(from) && !followed.test(to)) {
            return;
        }
        Integer moving = names.remove(from);
        int inode = moving != null ? moving : inodes++;
        Integer replaced = names.remove(to);
        names.put(to, inode);
        if (flags.contains("RENAME_EXCHANGE") && replaced != null) {
            names.put(from, replaced);
        }
        ops.add(new FileOp.Renamed(call, from, to, inode, replaced == null ? -1 : replaced));
    }

    private void unlinked(Call call, String path, boolean directory) {
        if (directory) {
            ops.add(new FileOp.Directory(call, path, false));
            return;
        }
        Integer inode = names.remove(path);
        if (inode != null || followed.test(path)) {
            ops.add(new FileOp.Unlinked(call, path, inode == null ? -1 : inode));
        }
    }

    private void directory(Call call, String path) {
        ops.add(new FileOp.Directory(call, path, true));
    }

    private static LockCall.Mode flockMode(String operation) {
        return operation.contains("LOCK_UN") ? LockCall.Mode.UNLOCK
                : operation.contains("LOCK_SH") ? LockCall.Mode.SHARED : LockCall.Mode.EXCLUSIVE;
    }

    private void locked(Call call, Task task, LockCall lock) {
        Description d = slot(call, task, 0).description;
        if (d.inode >= 0) {
            ops.add(new FileOp.Locked(call, handle(task, d, call.fd(0)), lock));
        }
    }

    private void fcntl(Call call, Task task) {
        String command = call.arg(1);
        switch (command) {
            case "F_DUPFD" -> duplicated(call, task, (int) call.result(), false);
            case "F_DUPFD_CLOEXEC" -> duplicated(call, task, (int) call.result(), true);
            case "F_SETFD" -> slot(call, task, 0).closeOnExec = call.arg(2).contains("FD_CLOEXEC");
            case "F_SETLK", "F_SETLKW", "F_OFD_SETLK", "F_OFD_SETLKW" -> {
                String type = call.field(2, "l_type");
                LockCall.Mode mode = "F_UNLCK".equals(type) ? LockCall.Mode.UNLOCK
                        : "F_RDLCK".equals(type) ? LockCall.Mode.SHARED : LockCall.Mode.EXCLUSIVE;
                Description d = slot(call, task, 0).description;
                long start = number(call.field(2, "l_start"));
                long length = number(call.field(2, "l_len"));
                String whence = call.field(2, "l_whence");
                if ("SEEK_CUR".equals(whence)) {
                    start += d.position;
                } else if ("SEEK_END".equals(whence)) {
                    start += sizes.getOrDefault(d.inode, 0L);
                }
                if (length < 0) {
                    start += length;
                    length = -length;
                }
                locked(call, task, new LockCall(command.startsWith("F_OFD") ? LockCall.Kind.OFD : LockCall.Kind.POSIX, mode,
                        Math.max(0, start), length));
            }
            default -> { }
        }
    }

    private static long number(String text) {
        try {
            return text == null ? 0 : Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private void duplicated(Call call, Task task, int to, boolean closeOnExec) {
        Slot from = slot(call, task, 0);
        if (to == call.fd(0)) {
            return; // dup2(fd, fd) does nothing
        }
        if (task.table.fds.containsKey(to)) {
            closed(call, task, to); // dup2 and dup3 close the target first: a close, as POSIX locks see it
        }
        task.table.fds.put(to, new Slot(from.description, closeOnExec));
    }

    private void closed(Call call, Task task, int fd) {
        Slot slot = task.table.fds.remove(fd);
        if (slot != null) {
            release(call, task, fd, slot);
        }
    }

    private void release(Call call, Task task, int fd, Slot slot) {
        Description d = slot.description;
        d.references--;
        if (d.inode >= 0) {
            ops.add(new FileOp.Closed(call, handle(task, d, fd), task.process, d.references == 0));
        }
    }

    private void closeRange(Call call, Task task) {
        int first = call.fd(0);
        String lastText = call.arg(1);
        int last = lastText.startsWith("~") || lastText.length() > 9 ? Integer.MAX_VALUE : Integer.parseInt(lastText);
        boolean onlyMark = call.arg(2).contains("CLOSE_RANGE_CLOEXEC");
        for (int fd : List.copyOf(task.table.fds.keySet())) {
            if (fd >= first && fd <= last) {
                if (onlyMark) {
                    task.table.fds.get(fd).closeOnExec = true;
                } else {
                    closed(call, task, fd);
                }
            }
        }
    }

    private void mapped(Call call, Task task) {
        if (call.fd(4) < 0) {
            return;
        }
        Description d = slot(call, task, 4).description;
        if (d.inode >= 0) {
            ops.add(new FileOp.Mapped(call, handle(task, d, call.fd(4)), call.arg(3).contains("MAP_SHARED"),
                    call.arg(2).contains("PROT_WRITE")));
        }
    }

    /** A new task: a thread of the same process, or a process of its own with its own copy of the table (or a share of it). */
    private void cloned(Call call, Task parent, String flags) {
        int child = (int) call.result();
        boolean thread = flags.contains("CLONE_THREAD");
        Table table = parent.table;
        if (!flags.contains("CLONE_FILES")) {
            table = new Table();
            for (Map.Entry<Integer, Slot> fd : parent.table.fds.entrySet()) {
                table.fds.put(fd.getKey(), new Slot(fd.getValue().description, fd.getValue().closeOnExec));
            }
        }
        tasks.put(call.who() + " " + child, new Task(thread ? parent.process : child, table, parent.cwd));
    }

    private void exec(Call call, Task task) {
        for (Map.Entry<Integer, Slot> fd : List.copyOf(task.table.fds.entrySet())) {
            if (fd.getValue().closeOnExec) {
                closed(call, task, fd.getKey());
            }
        }
    }

    /** A task ended: the last one using a table closes every descriptor in it. */
    private void gone(Call call, Task task) {
        tasks.remove(call.who() + " " + call.pid());
        if (--task.table.users == 0) {
            for (Map.Entry<Integer, Slot> fd : List.copyOf(task.table.fds.entrySet())) {
                task.table.fds.remove(fd.getKey());
                release(call, task, fd.getKey(), fd.getValue());
            }
        }
    }
}
