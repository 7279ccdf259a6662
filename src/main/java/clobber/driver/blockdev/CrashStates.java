package clobber.driver.blockdev;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The crash states of a recording, as dm-log-writes replays and CrashMonkey builds them: every
 * prefix of the log (xfstests' {@code replay-log} to each entry), and at each flush, sets of the
 * writes since the previous flush lost (CrashMonkey's reordering within an epoch: Mohan et al.,
 * <a href="https://www.usenix.org/conference/osdi18/presentation/mohan">Finding Crash-Consistency
 * Bugs with Bounded Black-Box Crash Testing</a>, OSDI 2018). An epoch of n writes has 2^n - 1 such
 * sets; past {@link Bounds#subsetsPerEpoch} they are sampled (each write lost alone first, then
 * each tail of the epoch lost, then seeded random sets) and the plan says it is bounded.
 *
 * <p>A write is one block request as the loop device issued it. A real device may also tear a
 * request at sector granularity; those states are not built.
 */
public record CrashStates(List<CrashState> states, boolean bounded, String bound) {

    /** At most {@code subsetsPerEpoch} lost-write sets per epoch (0: prefixes only), drawn with {@code seed}. */
    public record Bounds(int subsetsPerEpoch, long seed) {
        public static final Bounds DEFAULT = new Bounds(32, 1);
        public static final Bounds PREFIXES_ONLY = new Bounds(0, 0);

        public Bounds {
            if (subsetsPerEpoch < 0) {
                throw new IllegalArgumentException("subsetsPerEpoch < 0");
            }
        }
    }

    public CrashStates {
        states = List.copyOf(states);
    }

    public int prefixStates() {
        return (int) states.stream().filter(CrashState::prefix).count();
    }

    public int subsetStates() {
        return states.size() - prefixStates();
    }

    public static CrashStates of(Recording recording, Bounds bounds) {
        List<LogEntry> entries = recording.entries();
        int total = recording.writes().size();
        List<CrashState> states = new ArrayList<>();
        List<String> marks = new ArrayList<>();
        List<Integer> epoch = new ArrayList<>();
        int writes = 0;
        int sampledEpochs = 0;
        int cutEpochs = 0;
        for (LogEntry entry : entries) {
            switch (entry) {
                case LogEntry.Write write -> {
                    states.add(new CrashState(states.size(), entry.position(), writes, total, marks, List.of()));
                    writes++;
                    epoch.add(write.number());
                }
                case LogEntry.Mark mark -> marks.add(mark.label());
                case LogEntry.Flush flush -> {
                    int before = states.size();
                    sampledEpochs += subsets(epoch, bounds, flush.position(), writes, total, marks, states) ? 1 : 0;
                    cutEpochs += !epoch.isEmpty() && states.size() == before ? 1 : 0;
                    epoch.clear();
                }
                case LogEntry.FailedWrite failed -> {
                    // nothing reached the image: no new state
                }
            }
        }
        states.add(new CrashState(states.size(), entries.size(), writes, total, marks, List.of()));
        int before = states.size();
        sampledEpochs += subsets(epoch, bounds, entries.size(), writes, total, marks, states) ? 1 : 0;
        cutEpochs += !epoch.isEmpty() && states.size() == before ? 1 : 0;
        String bound = "";
        if (bounds.subsetsPerEpoch() == 0 && cutEpochs > 0) {
            bound = "prefixes only: no writes lost out of order";
        } else if (sampledEpochs > 0) {
            bound = "lost-write sets sampled in " + sampledEpochs + (sampledEpochs == 1 ? " epoch" : " epochs")
                    + " of more than " + bounds.subsetsPerEpoch() + ": " + bounds.subsetsPerEpoch() + " tried in each (seed "
                    + bounds.seed() + ")";
        }
        return new CrashStates(states, !bound.isEmpty(), bound);
    }

    /** Adds the lost-write sets of one epoch as states cut at {@code cutAt}; whether the bound cut them short. */
    private static boolean subsets(List<Integer> epoch, Bounds bounds, int cutAt, int writes, int total,
                                   List<String> marks, List<CrashState> states) {
        int n = epoch.size();
        if (n == 0 || bounds.subsetsPerEpoch() == 0) {
            return false;
        }
        Set<BitSet> lost = new LinkedHashSet<>();
        boolean sampled = n >= 31 || (1L << n) - 1 > bounds.subsetsPerEpoch();
        if (!sampled) {
            // every non-empty set, fewest lost first
            List<BitSet> all = new ArrayList<>();
            for (long mask = 1; mask < (1L << n); mask++) {
                all.add(BitSet.valueOf(new long[] {mask}));
            }
            all.sort((a, b) -> a.cardinality() != b.cardinality() ? Integer.compare(a.cardinality(), b.cardinality())
                    : Long.compare(a.toLongArray()[0], b.toLongArray()[0]));
            lost.addAll(all);
        } else {
            int budget = bounds.subsetsPerEpoch();
            for (int i = 0; i < n && lost.size() < budget; i++) {
                BitSet one = new BitSet();
                one.set(i);
                lost.add(one);
            }
            for (int i = n - 1; i >= 0 && lost.size() < budget; i--) {
                BitSet tail = new BitSet();
                tail.set(i, n);
                lost.add(tail);
            }
            Random random = new Random(bounds.seed() * 31 + cutAt);
            for (int tries = 0; lost.size() < budget && tries < budget * 20; tries++) {
                BitSet set = new BitSet();
                for (int i = 0; i < n; i++) {
                    if (random.nextBoolean()) {
                        set.set(i);
                    }
                }
                if (!set.isEmpty()) {
                    lost.add(set);
                }
            }
        }
        for (BitSet set : lost) {
            List<Integer> numbers = set.stream().mapToObj(epoch::get).toList();
            states.add(new CrashState(states.size(), cutAt, writes, total, marks, numbers));
        }
        return sampled;
    }
}
