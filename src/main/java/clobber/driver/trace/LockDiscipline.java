package clobber.driver.trace;

import clobber.check.TraceFinding;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Lock discipline, read from the writers' system calls: every change of the data file (a write,
 * a truncate, a rename onto it) and the read it rests on must happen while the writer holds a
 * lock that excludes every other writer's. The kernel's rules decide what a lock is and what it
 * excludes:
 * <ul>
 *   <li>flock(2) locks belong to the open file description: released by {@code LOCK_UN} or by the
 *   close of its last descriptor. fcntl(2) POSIX record locks belong to the process: released by
 *   {@code F_UNLCK} or by the close of <em>any</em> descriptor of the file in the process
 *   (fcntl(2), "the record locks are released ... if the process closes any file descriptor
 *   referring to that file"). OFD locks belong to the open file description.</li>
 *   <li>A lock excludes another on the same inode, of a kind that meets it (flock meets flock;
 *   POSIX and OFD record locks meet each other; on Linux flock and fcntl locks never exclude each
 *   other), with one of them exclusive and their bytes overlapping.</li>
 *   <li>A lock on an inode that a rename has retired (its name now names another inode) excludes
 *   nobody who opens the name afresh.</li>
 *   <li>A directory made with mkdir, and a file created with {@code O_CREAT|O_EXCL} and later
 *   removed, are locks by name: only one writer can make it. So is a name every writer creates
 *   with {@code O_EXCL} and renames over the data file (git's lockfile.c: the new content is
 *   written into {@code FILE.lock}, whose rename both commits it and releases the lock); a name
 *   only its maker ever creates (mkstemp's) and renames is a temp file, and excludes nobody.</li>
 * </ul>
 * The check is exact for what the trace shows and blind to timing: it does not need two writers
 * to collide, so a window of microseconds is found in every run that has it.
 */
public final class LockDiscipline {
    private final String dataFile;
    private final Path directory;
    private final Map<String, Integer> named = new HashMap<>();
    private final Map<Integer, Held> flocks = new HashMap<>();
    private final Map<Integer, List<Held>> recordLocksOfDescription = new HashMap<>();
    private final Map<String, List<Held>> recordLocksOfProcess = new HashMap<>();
    /**
     * Locks by name, holders of each name in the order of their creates. A create that succeeds
     * proves the name was free, so a holder still listed is one whose removal the merged order
     * has not reached yet: strace dates a call as it enters the kernel, and another process's
     * create can enter before an unlink and take effect after it.
     */
    private final Map<String, List<Held>> nameLocks = new HashMap<>();
    private final Set<Integer> renamedInodes = new HashSet<>();
    /** The writers that created each name with O_EXCL: a name two of them create is contended, a lock. */
    private final Map<String, Set<String>> exclusiveCreators = new HashMap<>();
    private final Map<Integer, FileOp.Renamed> retiredBy = new HashMap<>();
    private final Map<String, Release> lastRelease = new HashMap<>();
    /** The locks held at a read or a change of the data file: only letting one of those go is news to a later change. */
    private final Set<Long> used = new HashSet<>();
    private final Map<String, Snapshot> lastRead = new HashMap<>();
    private final Map<String, List<Change>> changes = new TreeMap<>();
    private final Map<String, TraceFinding> findings = new LinkedHashMap<>();
    /** Pairs of writers whose locks were found not to exclude each other: said once, from the first writer's side. */
    private final Set<String> pairs = new HashSet<>();
    private long acquisitions;

    /**
     * A lock {@code who} holds since its {@code acquisition}: its kind, mode and bytes, and what it
     * is on, an inode (taken through {@code path}) or, for a lock by name, the name itself (whose
     * {@code lock} then only says that it is exclusive).
     */
    private record Held(String who, long acquisition, LockCall lock, boolean byName, int inode, String path, Call call) {

        boolean exclusive() {
            return lock.mode() == LockCall.Mode.EXCLUSIVE;
        }

        String words(LockDiscipline d) {
            return byName ? (call.name().startsWith("mkdir") ? "the directory " : "the lock file ") + d.display(path)
                    : lock.kind().words() + " on " + d.display(path);
        }
    }

    private record Release(Call call, String words, TraceFinding.Kind kind) {}

    private record Snapshot(Call call, List<Held> held) {}

    private record Change(Call call, String words, List<Held> held, Set<Long> retired, Snapshot read, Release release) {}

    private LockDiscipline(String dataFile) {
        this.dataFile = dataFile;
        this.directory = Path.of(dataFile).getParent();
    }

    /** The findings of {@code ops} (a replay of every writer's trace) on {@code dataFile}, writer by writer. */
    public static List<TraceFinding> of(List<FileOp> ops, Path dataFile) {
        LockDiscipline d = new LockDiscipline(dataFile.toAbsolutePath().normalize().toString());
        ops.forEach(d::apply);
        d.judge();
        return List.copyOf(d.findings.values());
    }

    private boolean isData(int inode) {
        Integer current = named.get(dataFile);
        return current != null && current == inode;
    }

    /** A file's name as a finding says it: bare beside the data file, whole elsewhere. */
    String display(String path) {
        Path p = Path.of(path);
        return directory.equals(p.getParent()) ? p.getFileName().toString() : path;
    }

    private void apply(FileOp op) {
        switch (op) {
            case FileOp.Opened o -> {
                named.put(o.file().path(), o.file().inode());
                if (o.exclusive()) {
                    Held lock = new Held(o.who(), ++acquisitions, new LockCall(LockCall.Kind.FLOCK, LockCall.Mode.EXCLUSIVE, 0, 0),
                            true, o.file().inode(), o.file().path(), o.call());
                    nameLocks.computeIfAbsent(o.file().path(), k -> new ArrayList<>()).add(lock);
                    exclusiveCreators.computeIfAbsent(o.file().path(), k -> new HashSet<>()).add(o.who());
                }
                if (o.truncated() && isData(o.file().inode())) {
                    change(o.call(), "opened " + display(dataFile) + " with O_TRUNC");
                }
            }
            case FileOp.Read r -> {
                if (isData(r.file().inode())) {
                    List<Held> held = held(r.who());
                    held.forEach(h -> used.add(h.acquisition()));
                    lastRead.put(r.who(), new Snapshot(r.call(), held));
                }
            }
            case FileOp.Wrote w -> {
                if (isData(w.file().inode())) {
                    change(w.call(), "wrote " + w.length() + " bytes to " + display(dataFile));
                }
            }
            case FileOp.Truncated t -> {
                if (isData(t.inode())) {
                    change(t.call(), "truncated " + display(dataFile) + " to " + t.length() + " bytes");
                }
            }
            case FileOp.Renamed r -> renamed(r);
            case FileOp.Unlinked u -> {
                named.remove(u.path());
                releaseName(u.call(), u.path(), "unlink of ", true);
            }
            case FileOp.Directory dir -> {
                if (dir.made()) {
                    nameLocks.computeIfAbsent(dir.path(), k -> new ArrayList<>()).add(new Held(dir.who(), ++acquisitions,
                            new LockCall(LockCall.Kind.FLOCK, LockCall.Mode.EXCLUSIVE, 0, 0), true, -1, dir.path(), dir.call()));
                } else {
                    releaseName(dir.call(), dir.path(), "rmdir of ", true);
                }
            }
            case FileOp.Locked l -> locked(l);
            case FileOp.Closed c -> closed(c);
            case FileOp.Mapped m -> {
                if (isData(m.file().inode())) {
                    find(m.who(), TraceFinding.Kind.UNMODELLED, m.call(), m.who() + " mapped " + display(dataFile)
                            + " into memory (" + (m.shared() ? "MAP_SHARED" : "MAP_PRIVATE") + "): what it reads and writes"
                            + " through the mapping is not in the trace, so its lock discipline is not checked");
                }
            }
            default -> { }
        }
    }

    /**
     * A rename onto the data file is judged with the names as they were: the lock it held on the
     * old inode was good until now, and so was the lock by name it renames away (see valid).
     */
    private void renamed(FileOp.Renamed r) {
        renamedInodes.add(r.inode());
        if (r.to().equals(dataFile)) {
            change(r.call(), "renamed " + display(r.from()) + " over " + display(dataFile));
        }
        releaseName(r.call(), r.from(), "rename of ", contended(r.from()));
        named.remove(r.from());
        named.put(r.to(), r.inode());
        if (r.replaced() >= 0) {
            retiredBy.put(r.replaced(), r);
        }
    }

    /** Whether more than one writer created {@code path} with O_EXCL: a lock by name, not one writer's temp file. */
    private boolean contended(String path) {
        return exclusiveCreators.getOrDefault(path, Set.of()).size() > 1;
    }

    /**
     * A name removed: the lock by that name of the writer that removed it, or (a lock broken by
     * another) the oldest; {@code record}ed as the writer's last release where it was its lock.
     */
    private void releaseName(Call call, String path, String how, boolean record) {
        List<Held> holders = nameLocks.getOrDefault(path, new ArrayList<>());
        Held lock = holders.stream().filter(h -> h.who().equals(call.who())).findFirst()
                .orElse(holders.isEmpty() ? null : holders.getFirst());
        if (lock == null) {
            return;
        }
        holders.remove(lock);
        if (record && used.contains(lock.acquisition())) {
            lastRelease.put(lock.who(), new Release(call, "the " + how + display(path) + (call.who().equals(lock.who()) ? "" : " by "
                    + call.who()) + " that was its lock", TraceFinding.Kind.RELEASED));
        }
    }

    private void locked(FileOp.Locked l) {
        Handle file = l.file();
        LockCall lock = l.lock();
        boolean unlock = lock.mode() == LockCall.Mode.UNLOCK;
        String owner = l.who() + " " + file.process();
        boolean released = switch (lock.kind()) {
            case FLOCK -> {
                Held old = flocks.remove(file.description());
                if (!unlock) {
                    flocks.put(file.description(), held(l, lock));
                }
                yield old != null && used.contains(old.acquisition());
            }
            case POSIX -> updateRecords(recordLocksOfProcess.computeIfAbsent(owner, k -> new ArrayList<>()), l, lock);
            case OFD -> updateRecords(recordLocksOfDescription.computeIfAbsent(file.description(), k -> new ArrayList<>()), l, lock);
        };
        if (unlock && released) {
            lastRelease.put(l.who(), new Release(l.call(), l.call().brief() + " on " + it(file.path()), TraceFinding.Kind.RELEASED));
        }
    }

    private Held held(FileOp.Locked l, LockCall lock) {
        return new Held(l.who(), ++acquisitions, lock, false, l.file().inode(), l.file().path(), l.call());
    }

    /** A record lock call on {@code locks}: what it covers of the same file is replaced (unlocked, or locked anew). */
    private boolean updateRecords(List<Held> locks, FileOp.Locked l, LockCall lock) {
        boolean released = locks.removeIf(h -> h.inode() == l.file().inode() && h.lock().overlaps(lock) && used.contains(h.acquisition()));
        locks.removeIf(h -> h.inode() == l.file().inode() && h.lock().overlaps(lock));
        if (lock.mode() != LockCall.Mode.UNLOCK) {
            locks.add(held(l, lock));
        }
        return released;
    }

    private void closed(FileOp.Closed c) {
        Handle file = c.file();
        List<Held> posix = recordLocksOfProcess.getOrDefault(c.who() + " " + c.process(), new ArrayList<>());
        boolean dropped = posix.removeIf(h -> h.inode() == file.inode() && used.contains(h.acquisition()));
        posix.removeIf(h -> h.inode() == file.inode());
        if (dropped) {
            lastRelease.put(c.who(), new Release(c.call(), c.call().name().equals(Call.GONE) ? "the end of its process, which dropped its fcntl lock on " + it(file.path())
                    : c.call().brief() + " of " + display(file.path()) + " dropped its fcntl lock on it (a POSIX lock belongs to the"
                    + " process: closing any descriptor of the file releases it)", TraceFinding.Kind.DROPPED_BY_CLOSE));
        }
        if (c.lastReference()) {
            Held flock = flocks.remove(file.description());
            boolean ofd = recordLocksOfDescription.getOrDefault(file.description(), List.of()).stream()
                    .anyMatch(h -> used.contains(h.acquisition()));
            recordLocksOfDescription.remove(file.description());
            if (flock != null && used.contains(flock.acquisition()) || ofd) {
                lastRelease.put(c.who(), new Release(c.call(), c.call().brief() + ", the last descriptor of its lock on "
                        + it(file.path()), TraceFinding.Kind.RELEASED));
            }
        }
    }

    private String it(String path) {
        return path.equals(dataFile) ? "it" : display(path);
    }

    /** Every lock {@code who} holds now. */
    private List<Held> held(String who) {
        List<Held> all = new ArrayList<>();
        flocks.values().stream().filter(h -> h.who().equals(who)).forEach(all::add);
        recordLocksOfDescription.values().forEach(list -> list.stream().filter(h -> h.who().equals(who)).forEach(all::add));
        recordLocksOfProcess.values().forEach(list -> list.stream().filter(h -> h.who().equals(who)).forEach(all::add));
        nameLocks.values().forEach(list -> list.stream().filter(h -> h.who().equals(who)).forEach(all::add));
        return all;
    }

    private void change(Call call, String words) {
        String who = call.who();
        List<Held> held = held(who);
        held.forEach(h -> used.add(h.acquisition()));
        Set<Long> retired = new HashSet<>();
        for (Held h : held) {
            Integer current = named.get(h.path());
            if (!h.byName() && (current == null || current != h.inode())) {
                retired.add(h.acquisition());
            }
        }
        List<Change> mine = changes.computeIfAbsent(who, k -> new ArrayList<>());
        Snapshot read = lastRead.get(who);
        if (read != null && !mine.isEmpty() && read.call().at() < mine.getLast().call().at()) {
            read = null; // read before the writer's last change: it fed that one
        }
        mine.add(new Change(call, words, held, retired, read, lastRelease.get(who)));
    }

    /** The locks of a change that count: not a temp file's name (renamed, and created by its writer alone), not on a retired inode. */
    private List<Held> valid(Change c) {
        return c.held().stream().filter(h -> !(h.byName() && renamedInodes.contains(h.inode()) && !contended(h.path())))
                .filter(h -> !c.retired().contains(h.acquisition())).toList();
    }

    private static boolean excludes(Held a, Held b) {
        if (a.byName() || b.byName()) {
            return a.byName() && b.byName() && a.path().equals(b.path());
        }
        return a.inode() == b.inode() && a.lock().kind().meets(b.lock().kind()) && (a.exclusive() || b.exclusive())
                && a.lock().overlaps(b.lock());
    }

    /**
     * Every change, once the whole trace is known. With one writer reading or changing the file
     * there is nobody to exclude; a writer that only read (it found the file half written, say,
     * and gave up) is one to exclude.
     */
    private void judge() {
        Set<String> writers = new HashSet<>(changes.keySet());
        writers.addAll(lastRead.keySet());
        if (writers.size() < 2) {
            return;
        }
        for (Map.Entry<String, List<Change>> writer : changes.entrySet()) {
            String who = writer.getKey();
            for (Change c : writer.getValue()) {
                List<Held> valid = valid(c);
                List<Held> exclusive = valid.stream().filter(Held::exclusive).toList();
                if (exclusive.isEmpty()) {
                    unprotected(who, c, valid);
                    continue;
                }
                Held protecting = exclusive.stream().filter(k -> excludesEveryOther(who, k)).findFirst().orElse(null);
                if (protecting == null) {
                    mismatch(who, c, exclusive.getFirst());
                    continue;
                }
                if (c.read() != null && c.read().held().stream().noneMatch(h -> h.acquisition() == protecting.acquisition())) {
                    boolean before = c.read().held().isEmpty();
                    find(who, TraceFinding.Kind.READ_OUTSIDE_LOCK, c.read().call(), who + " read " + display(dataFile)
                            + (before ? " holding no lock, " : " under a lock it let go, ") + micros(c.read().call(), protecting.call())
                            + " before it took " + protecting.words(this) + ", and " + c.words() + " under that lock: the update rests"
                            + " on a read the lock did not cover");
                }
            }
        }
    }

    /** A change with no exclusive lock that counts: which lock it had, or when it last let one go. */
    private void unprotected(String who, Change c, List<Held> valid) {
        List<Held> retired = c.held().stream().filter(h -> c.retired().contains(h.acquisition())).toList();
        if (!retired.isEmpty()) {
            Held h = retired.getFirst();
            FileOp.Renamed by = retiredBy.get(h.inode());
            find(who, TraceFinding.Kind.RETIRED_INODE, c.call(), who + " " + c.words() + " holding " + h.lock().kind().words()
                    + " on an inode of " + display(h.path()) + " that a rename had retired" + (by == null ? "" : " (" + by.who() + " renamed "
                    + display(by.from()) + " over " + display(by.to()) + ")") + ": the other writers lock the file that has the name now");
        } else if (!valid.isEmpty()) {
            find(who, TraceFinding.Kind.SHARED_LOCK, c.call(), who + " " + c.words() + " holding only a shared lock ("
                    + valid.getFirst().words(this) + "), which other shared holders do not wait for");
        } else if (c.release() != null) {
            find(who, c.release().kind(), c.call(), who + " " + c.words() + " " + micros(c.release().call(), c.call())
                    + " after " + c.release().words());
        } else {
            find(who, TraceFinding.Kind.NO_LOCK, c.call(), who + " " + c.words() + " holding no lock that another process"
                    + " can see: nothing kept the other writers out");
        }
    }

    /** Whether {@code lock} excludes every other writer at every change it made. */
    private boolean excludesEveryOther(String who, Held lock) {
        for (Map.Entry<String, List<Change>> other : changes.entrySet()) {
            if (other.getKey().equals(who)) {
                continue;
            }
            for (Change c : other.getValue()) {
                if (valid(c).stream().noneMatch(h -> excludes(lock, h))) {
                    return false;
                }
            }
        }
        return true;
    }

    /** A lock that some other writer's change is not excluded by: why, said once per pair of writers. */
    private void mismatch(String who, Change c, Held lock) {
        for (Map.Entry<String, List<Change>> other : changes.entrySet()) {
            if (other.getKey().equals(who)) {
                continue;
            }
            for (Change theirs : other.getValue()) {
                List<Held> valid = valid(theirs).stream().filter(Held::exclusive).toList();
                if (valid.stream().anyMatch(h -> excludes(lock, h))) {
                    continue;
                }
                if (valid.isEmpty()) {
                    return; // the other writer's own finding says it held nothing
                }
                if (!pairs.add(String.join(" ", new TreeSet<>(List.of(who, other.getKey()))))) {
                    return; // said from the other writer's side
                }
                Held h = valid.getFirst();
                String pair = who + " held " + lock.words(this) + " when it " + c.words() + ", " + other.getKey() + " held "
                        + h.words(this) + " when it " + theirs.words();
                if (!lock.byName() && !h.byName() && lock.inode() == h.inode() && !lock.lock().kind().meets(h.lock().kind())) {
                    find(who, TraceFinding.Kind.KINDS_DO_NOT_EXCLUDE, c.call(), pair
                            + ": on Linux flock and fcntl locks never exclude each other");
                } else if (!lock.byName() && !h.byName() && lock.inode() != h.inode() && lock.path().equals(h.path())) {
                    find(who, TraceFinding.Kind.RETIRED_INODE, c.call(), pair + ", on another inode of " + display(h.path())
                            + ": a rename over the file retires the inode its writers lock, and each locks a different file");
                } else {
                    find(who, TraceFinding.Kind.DIFFERENT_FILES, c.call(), pair + ": locks on different files, or of bytes"
                            + " that do not overlap, exclude nothing");
                }
                return;
            }
        }
    }

    private static String micros(Call earlier, Call later) {
        long us = Math.max(0, (later.at() - earlier.at()) / 1000);
        return us + " us";
    }

    /** Records a finding, or counts one more of its kind for that writer. */
    private void find(String who, TraceFinding.Kind kind, Call call, String words) {
        findings.merge(who + " " + kind, new TraceFinding(who, kind, call.brief(), words, 1),
                (first, more) -> new TraceFinding(first.writer(), first.kind(), first.call(), first.words(), first.times() + 1));
    }
}
