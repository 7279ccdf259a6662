package clobber.driver.powerloss;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which of a trace's operations a power cut may have kept, at each point of the trace: the
 * states the directory can come back in.
 *
 * <p>An operation is durable once a later fsync covers it: a write or truncate of a file once the
 * file is fsynced, a create, rename or unlink once the directory is fsynced. Durable operations are
 * in every state. The others may or may not be, and the model says which combinations occur:
 * <ul>
 *   <li>{@link #POSIX}, the weakest that POSIX and Linux promise and the worst case of ALICE
 *   (Pillai et al., "All File Systems Are Not Created Equal", OSDI 2014): any subset of the
 *   operations not yet durable, each write split at 4 KiB blocks, a rename atomic (a name points
 *   at the old inode or the new, never neither). Subsets are tried smallest first (nothing
 *   un-synced kept, then one operation kept, then two, ...), then the largest, up to a bound.</li>
 *   <li>{@link #EXT4_ORDERED}, Linux's default ext4 mount, as Ferrite specifies it (Bornholt et
 *   al., "Specifying and Checking File System Crash-Consistency Models", ASPLOS 2016): metadata
 *   is journaled in order and a file's data is written before the metadata that exposes it, and a
 *   rename or truncate over a file flushes the new data first ({@code auto_da_alloc}); so what
 *   survives is the durable operations and a prefix of the rest, in trace order.</li>
 * </ul>
 */
public enum PersistenceModel {
    POSIX("posix"),
    EXT4_ORDERED("ext4-ordered");

    static final int BLOCK = 4096;

    private final String label;

    PersistenceModel(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static PersistenceModel labelled(String label) {
        return clobber.os.Named.find("persistence model", label, List.of(values()), PersistenceModel::label);
    }

    /** The states at each crash point, at most {@code maxStates} a point; {@code bounded} is set if that cut any point short. */
    record Exploration(List<CrashPoint> points, boolean bounded) {}

    /** After operation {@code after} (-1: before any), these sets of operations (indices into the trace) may have persisted. */
    record CrashPoint(int after, List<BitSet> persisted) {}

    /** The operations of {@code trace}, writes split at 4 KiB blocks, as crash states are made of them. */
    static List<FsOp> blocks(List<FsOp> trace) {
        List<FsOp> ops = new ArrayList<>();
        for (FsOp op : trace) {
            if (op instanceof FsOp.Write w && w.bytes().length > BLOCK) {
                for (int from = 0; from < w.bytes().length; from += BLOCK) {
                    byte[] part = java.util.Arrays.copyOfRange(w.bytes(), from, Math.min(w.bytes().length, from + BLOCK));
                    ops.add(new FsOp.Write(w.who(), w.inode(), w.offset() + from, part));
                }
            } else {
                ops.add(op);
            }
        }
        return ops;
    }

    /** Every crash point of {@code ops} (already split by {@link #blocks}) and the states at each. */
    Exploration explore(List<FsOp> ops, int maxStates) {
        List<CrashPoint> points = new ArrayList<>();
        boolean bounded = false;
        for (int after = 0; after < ops.size(); after++) {
            if (!ops.get(after).persistable() && after + 1 < ops.size() && !ops.get(after + 1).persistable()) {
                continue; // two acks in a row: one crash point between them says nothing more
            }
            BitSet durable = durable(ops, after);
            List<Integer> open = new ArrayList<>();
            for (int i = 0; i <= after; i++) {
                if (ops.get(i).persistable() && !durable.get(i)) {
                    open.add(i);
                }
            }
            Set<BitSet> states = new LinkedHashSet<>();
            bounded |= this == POSIX ? subsets(durable, open, maxStates, states) : prefixes(durable, open, maxStates, states);
            points.add(new CrashPoint(after, List.copyOf(states)));
        }
        return new Exploration(points, bounded);
    }

    /** The operations up to {@code after} that a later fsync, up to {@code after}, has made durable. */
    static BitSet durable(List<FsOp> ops, int after) {
        BitSet durable = new BitSet();
        Map<Integer, Integer> lastFileSync = new HashMap<>();
        int lastDirectorySync = -1;
        for (int i = 0; i <= after; i++) {
            switch (ops.get(i)) {
                case FsOp.SyncFile s -> lastFileSync.put(s.inode(), i);
                case FsOp.SyncDirectory d -> lastDirectorySync = i;
                default -> { }
            }
        }
        for (int i = 0; i <= after; i++) {
            FsOp op = ops.get(i);
            boolean isDurable = switch (op) {
                case FsOp.Write w -> lastFileSync.getOrDefault(w.inode(), -1) > i;
                case FsOp.Truncate t -> lastFileSync.getOrDefault(t.inode(), -1) > i;
                case FsOp.Create c -> lastDirectorySync > i;
                case FsOp.Rename r -> lastDirectorySync > i;
                case FsOp.Unlink u -> lastDirectorySync > i;
                case FsOp.SyncFile s -> true;
                case FsOp.SyncDirectory d -> true;
                case FsOp.Ack a -> false;
            };
            if (isDurable) {
                durable.set(i);
            }
        }
        return durable;
    }

    /** POSIX: subsets of {@code open} kept, smallest first, then the whole; true if the bound cut them. */
    private static boolean subsets(BitSet durable, List<Integer> open, int maxStates, Set<BitSet> states) {
        int n = open.size();
        states.add(with(durable, open, new int[0]));
        for (int size = 1; size <= n; size++) {
            if (!combinations(durable, open, size, maxStates, states)) {
                states.add(with(durable, open, java.util.stream.IntStream.range(0, n).toArray()));
                return true;
            }
        }
        return false;
    }

    /** Adds every subset of {@code size} of {@code open}, in order; false if the bound stopped it first. */
    private static boolean combinations(BitSet durable, List<Integer> open, int size, int maxStates, Set<BitSet> states) {
        int[] pick = java.util.stream.IntStream.range(0, size).toArray();
        while (true) {
            if (states.size() >= maxStates - 1) {
                return false; // keep one place for the whole set
            }
            states.add(with(durable, open, pick));
            int i = size - 1;
            while (i >= 0 && pick[i] == open.size() - size + i) {
                i--;
            }
            if (i < 0) {
                return true;
            }
            pick[i]++;
            for (int j = i + 1; j < size; j++) {
                pick[j] = pick[j - 1] + 1;
            }
        }
    }

    /** ext4-ordered: the durable operations and a prefix of the open ones; true if the bound cut them. */
    private static boolean prefixes(BitSet durable, List<Integer> open, int maxStates, Set<BitSet> states) {
        for (int length = 0; length <= open.size(); length++) {
            if (states.size() >= maxStates) {
                return true;
            }
            states.add(with(durable, open, java.util.stream.IntStream.range(0, length).toArray()));
        }
        return false;
    }

    private static BitSet with(BitSet durable, List<Integer> open, int[] picked) {
        BitSet state = (BitSet) durable.clone();
        for (int p : picked) {
            state.set(open.get(p));
        }
        return state;
    }

    /**
     * The files the directory holds when exactly {@code persisted} of {@code ops} reached the disk,
     * by name, starting from {@code initial} (the files before the run, all durable); entries
     * elsewhere are not the directory's.
     */
    static Map<String, byte[]> files(List<FsOp> ops, BitSet persisted, Map<String, byte[]> initial) {
        Map<String, Integer> names = new HashMap<>();
        Map<Integer, byte[]> contents = new HashMap<>();
        int inode = 0;
        for (Map.Entry<String, byte[]> file : initial.entrySet()) {
            names.put(file.getKey(), inode);
            contents.put(inode++, file.getValue());
        }
        for (int i = persisted.nextSetBit(0); i >= 0; i = persisted.nextSetBit(i + 1)) {
            switch (ops.get(i)) {
                case FsOp.Create c -> {
                    names.put(c.name(), c.inode());
                    contents.putIfAbsent(c.inode(), new byte[0]);
                }
                case FsOp.Write w -> {
                    byte[] old = contents.getOrDefault(w.inode(), new byte[0]);
                    byte[] now = java.util.Arrays.copyOf(old, (int) Math.max(old.length, w.offset() + w.bytes().length));
                    System.arraycopy(w.bytes(), 0, now, (int) w.offset(), w.bytes().length);
                    contents.put(w.inode(), now);
                }
                case FsOp.Truncate t -> contents.put(t.inode(),
                        java.util.Arrays.copyOf(contents.getOrDefault(t.inode(), new byte[0]), (int) t.length()));
                case FsOp.Rename r -> {
                    names.remove(r.from());
                    if (FsOp.inDirectory(r.to())) {
                        names.put(r.to(), r.inode());
                    }
                    contents.putIfAbsent(r.inode(), new byte[0]);
                }
                case FsOp.Unlink u -> names.remove(u.name());
                default -> { }
            }
        }
        Map<String, byte[]> files = new java.util.TreeMap<>();
        names.forEach((name, id) -> files.put(name, contents.getOrDefault(id, new byte[0])));
        return files;
    }
}
