package clobber.driver.powerloss;

import clobber.check.TraceFinding;
import clobber.driver.process.WriterMessage;
import clobber.driver.trace.FileOp;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The operations a power cut may keep or lose, made from a replay of the writers' traces
 * ({@link FileOp}s, in the one order of every writer): whatever changes a file that is, at some
 * point of the run, in the run's directory (one written in /tmp and renamed in counts from its
 * first write), every change of the directory's entries, its fsyncs, and the writers'
 * acknowledgements. Names in the run's directory are bare ({@code data.json}); a name elsewhere
 * is its whole path, for stories. Calls the model cannot follow are said, never dropped silently:
 * a shared writable mapping of such a file ({@code mmap}), a write whose bytes the trace cut.
 */
final class DurableOps {
    private DurableOps() {}

    /** The operations, and what the trace showed that they leave out. */
    record Result(List<FsOp> ops, List<TraceFinding> unmodelled) {}

    static Result of(List<FileOp> trace, Path directory) {
        Path dir = directory.toAbsolutePath().normalize();
        Set<Integer> judged = judgedInodes(trace, dir);
        List<FsOp> ops = new ArrayList<>();
        Map<String, TraceFinding> unmodelled = new LinkedHashMap<>();
        Map<String, StringBuilder> lines = new HashMap<>();
        for (FileOp op : trace) {
            String who = op.who();
            switch (op) {
                case FileOp.Opened o when !o.file().directory() && inside(o.file().path(), dir) -> {
                    if (o.newName()) {
                        ops.add(new FsOp.Create(who, name(o.file().path(), dir), o.file().inode()));
                    } else if (o.truncated()) {
                        ops.add(new FsOp.Truncate(who, o.file().inode(), 0));
                    }
                }
                case FileOp.Opened o when o.truncated() && !o.newName() && judged.contains(o.file().inode()) ->
                        ops.add(new FsOp.Truncate(who, o.file().inode(), 0));
                case FileOp.Wrote w when judged.contains(w.file().inode()) -> {
                    if (w.bytes() == null) {
                        unmodelled.putIfAbsent(who, new TraceFinding(who, TraceFinding.Kind.UNMODELLED, w.call().brief(), who
                                + " wrote " + w.length() + " bytes to " + name(w.file().path(), dir) + ", more than the trace keeps:"
                                + " the states of a power cut leave them out", 1));
                    } else {
                        ops.add(new FsOp.Write(who, w.file().inode(), w.offset(), w.bytes()));
                    }
                }
                case FileOp.Truncated t when judged.contains(t.inode()) -> ops.add(new FsOp.Truncate(who, t.inode(), t.length()));
                case FileOp.Synced s when s.file().directory() && Path.of(s.file().path()).equals(dir) ->
                        ops.add(new FsOp.SyncDirectory(who));
                case FileOp.Synced s when !s.file().directory() && judged.contains(s.file().inode()) ->
                        ops.add(new FsOp.SyncFile(who, s.file().inode()));
                case FileOp.Renamed r when inside(r.from(), dir) || inside(r.to(), dir) ->
                        ops.add(new FsOp.Rename(who, name(r.from(), dir), name(r.to(), dir), r.inode()));
                case FileOp.Unlinked u when inside(u.path(), dir) -> ops.add(new FsOp.Unlink(who, name(u.path(), dir)));
                case FileOp.Mapped m when m.shared() && m.writable() && judged.contains(m.file().inode()) ->
                        unmodelled.putIfAbsent(who, new TraceFinding(who, TraceFinding.Kind.UNMODELLED, m.call().brief(), who
                                + " mapped " + name(m.file().path(), dir) + " shared and writable (mmap): what it writes through the"
                                + " mapping is not in the trace, and the states of a power cut leave it out", 1));
                case FileOp.Output out -> acks(out, lines, ops);
                default -> { }
            }
        }
        return new Result(ops, List.copyOf(unmodelled.values()));
    }

    /** The inodes that are, at some point of the trace, named in the run's directory: the files a cut's state is made of. */
    private static Set<Integer> judgedInodes(List<FileOp> trace, Path dir) {
        Set<Integer> judged = new HashSet<>();
        for (FileOp op : trace) {
            switch (op) {
                case FileOp.Opened o when inside(o.file().path(), dir) -> judged.add(o.file().inode());
                case FileOp.Renamed r when inside(r.to(), dir) || inside(r.from(), dir) -> judged.add(r.inode());
                default -> { }
            }
        }
        return judged;
    }

    private static boolean inside(String path, Path dir) {
        return dir.equals(Path.of(path).getParent());
    }

    /** The name of {@code path} in the run's directory, or its whole path if it is elsewhere. */
    static String name(String path, Path dir) {
        return inside(path, dir) ? Path.of(path).getFileName().toString() : path;
    }

    /**
     * Protocol lines on a writer's pipes: a worker's acknowledged finished update, or an external
     * writer's ack. Lines are gathered per pipe: a writer's other pipes (a JVM's pipe to its
     * process spawn helper, a shell pipeline's jq to sponge) carry bytes that must not run into
     * the protocol's lines.
     */
    private static void acks(FileOp.Output out, Map<String, StringBuilder> lines, List<FsOp> ops) {
        StringBuilder pending = lines.computeIfAbsent(out.who() + " " + out.channel(), k -> new StringBuilder());
        pending.append(new String(out.bytes(), StandardCharsets.UTF_8));
        int newline;
        while ((newline = pending.indexOf("\n")) >= 0) {
            String line = pending.substring(0, newline);
            pending.delete(0, newline + 1);
            try {
                switch (WriterMessage.parse(line)) {
                    case WriterMessage.Finished f when f.update().acknowledged() ->
                            ops.add(new FsOp.Ack(out.who(), f.update().writer(), f.update().seq()));
                    case WriterMessage.Ack a -> ops.add(new FsOp.Ack(out.who(), writerOf(out.who()), a.seq()));
                    default -> { }
                }
            } catch (IllegalArgumentException notProtocol) {
                // anything else a writer prints is its own business
            }
        }
    }

    /** The writer number in a trace named {@code W<n>}; a worker's acks name their writers themselves. */
    private static int writerOf(String who) {
        return who.startsWith("W") ? Integer.parseInt(who.substring(1)) : -1;
    }
}
