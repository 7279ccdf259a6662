package clobber.run;

import clobber.check.Move;
import clobber.check.Position;
import clobber.check.RunResult;
import clobber.driver.RunSpec;
import clobber.driver.stepped.Scheduler;
import clobber.driver.stepped.SteppedDriver;
import clobber.os.FileTrees;
import clobber.strategy.Step;
import clobber.strategy.Verdict;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

/**
 * Systematic exploration, as CHESS (Musuvathi et al., OSDI 2008), Fray
 * (https://github.com/cmu-pasta/fray) and Lincheck (https://github.com/JetBrains/lincheck) do for
 * threads in memory, here for writers of a file, threads or processes: each writer stops at the
 * start of every update and at every step its strategy marks, and a {@link Scheduler} lets one
 * writer at a time run to its next stop. Each schedule runs from the start on a fresh directory
 * and is judged by the usual checker; the search is depth first over the choice of writer at each
 * stop, exhaustive up to a bound, and remembers the shortest bad schedule (fewest switches between
 * writers, then fewest moves) so that {@code --schedule} can replay it.
 *
 * <p>Two reductions skip schedules equivalent to one already run, and are counted. At the start
 * every writer is in the same state, so only W0 moves first (symmetry). And a sleep set for lock
 * waits: a writer whose move blocked (it asked for a lock another held) would block the same way
 * at every later stop of the holder until the move that woke it, so in the schedules where it
 * did not move there, it is not tried again until that move has been made. Moves are otherwise all
 * taken as dependent: what a step does to the file system is not known in advance.
 *
 * <p>What it cannot see: an interleaving inside one writer's move (between two of its stops), a
 * race that needs a third writer or more updates than were given, and timing (a stall that only
 * a slow disk shows).
 */
public final class Exploration {
    private Exploration() {}

    /** A {@code --schedule} that does not fit the run it replays: bad input, found only as it is replayed. */
    public static final class ScheduleDoesNotFit extends IllegalArgumentException {
        ScheduleDoesNotFit(String message) {
            super(message);
        }
    }

    /** How far to search: at most {@code maxSchedules} schedules; or exactly {@code replay}; {@code stopAt}, see {@link SteppedDriver}. */
    public record Limits(int maxSchedules, Schedule replay, Step stopAt) {}

    /** The move that woke a blocked writer: {@code writer} moving from {@code from}; NEVER if none did. */
    private record Wake(int writer, Position from) {
        static final Wake NEVER = new Wake(-1, null);

        boolean is(Move move) {
            return move.writer() == writer && move.from().equals(from);
        }
    }

    /** One choice point of the search: who could move, who need not be tried, who has been. */
    private static final class Node {
        final List<Integer> enabled;
        final Map<Integer, Wake> asleep;
        final Set<Integer> tried = new LinkedHashSet<>();
        final Map<Integer, Wake> blockedHere = new HashMap<>();
        final boolean root;
        int chosen;

        /**
         * A node whose enabled writers are tried in turn after {@code previous}, the writer of the
         * move before (W1 after W0, then W0): the first schedule switches writers at every stop,
         * which is where races are, and the search reaches a bad schedule early.
         */
        Node(List<Integer> enabled, Map<Integer, Wake> asleep, int previous) {
            int writers = enabled.stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
            this.enabled = enabled.stream()
                    .sorted(java.util.Comparator.comparingInt(w -> Math.floorMod(w - previous - 1, Math.max(writers, previous + 1))))
                    .toList();
            this.asleep = asleep;
            this.root = previous < 0;
        }

        /** The writers still to try here, in turn: not tried, not asleep; at the start only W0 (symmetry). */
        List<Integer> untried() {
            List<Integer> candidates = root ? List.of(enabled.stream().min(Integer::compare).orElseThrow()) : enabled;
            return candidates.stream().filter(w -> !tried.contains(w) && !asleep.containsKey(w)).toList();
        }

        /** The writers here never run because another schedule covers them. */
        int skipped() {
            return (int) enabled.stream().filter(w -> !tried.contains(w)).count();
        }

        /** Asleep in the child reached by {@code move}: these, and siblings tried before that blocked, unless {@code move} wakes them. */
        Map<Integer, Wake> asleepAfter(Move move) {
            Map<Integer, Wake> next = new HashMap<>();
            asleep.forEach((w, wake) -> {
                if (!wake.is(move)) {
                    next.put(w, wake);
                }
            });
            blockedHere.forEach((w, wake) -> {
                if (w != chosen && !wake.is(move)) {
                    next.put(w, wake);
                }
            });
            return next;
        }
    }

    /** The scheduler of one schedule: replays {@code prefix}, then takes the first writer worth trying. */
    private static final class Run implements Scheduler {
        final List<Node> path;
        List<Integer> prefix;
        List<Move> moves = List.of();
        int diverged;

        Run(List<Node> path, List<Integer> prefix) {
            this.path = path;
            this.prefix = prefix;
        }

        @Override
        public int next(List<Integer> enabled, List<Move> sofar) {
            int depth = sofar.size();
            Node node = depth < path.size() ? path.get(depth) : null;
            if (node != null && depth < prefix.size() && !sameWriters(node.enabled, enabled)) {
                // A writer blocked in one run and not in the other: the rest of the prefix no longer applies.
                diverged++;
                prefix = prefix.subList(0, depth);
            }
            if (depth < prefix.size() && !enabled.contains(prefix.get(depth))) {
                throw new ScheduleDoesNotFit("the schedule moves W" + prefix.get(depth) + " at move " + (depth + 1)
                        + ", where only " + enabled.stream().map(w -> "W" + w).toList() + " can move");
            }
            if (node == null || depth >= prefix.size()) {
                while (path.size() > depth) {
                    path.removeLast();
                }
                Map<Integer, Wake> asleep = depth == 0 ? Map.of() : path.get(depth - 1).asleepAfter(sofar.get(depth - 1));
                node = new Node(enabled, asleep, depth == 0 ? -1 : sofar.get(depth - 1).writer());
                path.add(node);
            }
            int choice;
            if (depth < prefix.size()) {
                choice = prefix.get(depth);
            } else {
                List<Integer> untried = node.untried();
                choice = untried.isEmpty() ? node.enabled.getFirst() : untried.getFirst();
            }
            node.chosen = choice;
            node.tried.add(choice);
            return choice;
        }

        @Override
        public void ended(List<Move> all, String deadlock) {
            moves = all;
            // What woke each writer whose first try at a node blocked: its sleep lasts until that move.
            for (int d = 0; d < all.size() && d < path.size(); d++) {
                Move move = all.get(d);
                if (move.outcome() == Move.Outcome.BLOCKED && !path.get(d).blockedHere.containsKey(move.writer())) {
                    Wake wake = Wake.NEVER;
                    for (int m = d + 1; m < all.size() && wake == Wake.NEVER; m++) {
                        Move later = all.get(m);
                        if (later.woke().stream().anyMatch(w -> w.writer() == move.writer())) {
                            wake = new Wake(later.writer(), later.from());
                        }
                    }
                    path.get(d).blockedHere.put(move.writer(), wake);
                }
            }
        }

        private static boolean sameWriters(List<Integer> a, List<Integer> b) {
            return a.size() == b.size() && a.containsAll(b);
        }

        Schedule schedule() {
            return new Schedule(moves.stream().map(Move::writer).toList());
        }
    }

    /** Why {@code driver} cannot run {@code spec} explored, or null if it can. */
    static String unfit(SessionDriver driver, RunSpec spec) {
        if (!driver.entry().steppable()) {
            return "the explorer steps the writers of the threads or processes driver, not " + driver.name();
        }
        return SteppedDriver.unfit(driver.driver(), spec);
    }

    /** A matrix cell explored within {@code limits}, instead of run once. */
    public static Experiment.Runner runner(Limits limits) {
        return new Experiment.Runner() {
            @Override
            public RunResult run(SessionDriver driver, RunSpec spec) throws IOException, InterruptedException {
                return explore(driver, spec, limits);
            }

            @Override
            public String unfit(SessionDriver driver, RunSpec spec) {
                return Exploration.unfit(driver, spec);
            }
        };
    }

    /**
     * Explores {@code spec} under {@code base}'s writers, stepped. The result is the run of the
     * schedule {@link Kept} chooses (the worst, shortest), judged against the claim as any run
     * is, with the figures of the search.
     */
    public static RunResult explore(SessionDriver base, RunSpec spec, Limits limits) throws IOException, InterruptedException {
        String unfit = unfit(base, spec);
        if (unfit != null) {
            throw new IllegalArgumentException(unfit);
        }
        Path root = spec.file().toAbsolutePath().getParent();
        Search search = new Search();
        List<Integer> prefix = limits.replay() == null ? List.of() : limits.replay().moves();
        Map<Verdict, Long> bad = new EnumMap<>(Verdict.class);
        long schedules = 0;
        int diverged = 0;
        Kept kept = null;
        Double firstBadMillis = null;
        long firstBad = 0;
        boolean bounded = false;
        long begin = System.nanoTime();
        while (prefix != null) {
            if (schedules == limits.maxSchedules()) {
                bounded = true;
                break;
            }
            Run run = new Run(search.path, prefix);
            Path directory = Files.createDirectory(root.resolve("schedule-" + (schedules + 1)));
            SteppedDriver stepped = new SteppedDriver(base.driver(), base.entry().stepped().apply(base.context()), run, limits.stopAt());
            RunResult result = Experiment.run(new SessionDriver(base.entry(), stepped, base.context()),
                    spec.withFile(directory.resolve(spec.file().getFileName())).withProgress(new LongAdder()));
            schedules++;
            diverged += run.diverged;
            if (limits.replay() != null && run.moves.size() < prefix.size()) {
                throw new ScheduleDoesNotFit("the schedule has " + prefix.size() + " moves, and the writers were done after "
                        + run.moves.size() + ": " + run.schedule());
            }
            Verdict verdict = result.judgement().verdict();
            if (verdict.showsFailure()) {
                bad.merge(verdict, 1L, Long::sum);
                if (firstBadMillis == null) {
                    firstBadMillis = (System.nanoTime() - begin) / 1e6;
                    firstBad = schedules;
                }
            }
            Kept candidate = new Kept(result, run.schedule(), run.moves, directory);
            if (kept == null || candidate.rather(kept)) {
                if (kept != null) {
                    FileTrees.delete(kept.directory());
                }
                kept = candidate;
            } else {
                FileTrees.delete(directory);
            }
            prefix = limits.replay() != null ? null : search.next();
        }
        spec.updatesDone().add(spec.attempted()); // progress counts an exploration as one run of its size
        long badTotal = bad.values().stream().mapToLong(Long::longValue).sum();
        RunResult.Exploration figures = new RunResult.Exploration(schedules, search.skipped, badTotal, bad, bounded,
                badTotal == 0 ? null : kept.schedule().toString(), badTotal == 0 ? List.of() : kept.moves(),
                firstBad == 0 ? null : firstBad, firstBadMillis, (System.nanoTime() - begin) / 1e6, diverged, limits.stopAt());
        return kept.result().explored(figures);
    }

    /**
     * The schedule the result shows: of the schedules with the worst verdict (a corrupt file before
     * a lost write, before an error), the shortest: fewest switches between writers, then fewest
     * moves. With none bad, the first not safe, else the first.
     */
    private record Kept(RunResult result, Schedule schedule, List<Move> moves, Path directory) {
        boolean rather(Kept other) {
            Verdict mine = result.judgement().verdict();
            Verdict theirs = other.result.judgement().verdict();
            if (mine != theirs) {
                return mine.compareTo(theirs) < 0;
            }
            Schedule a = schedule;
            Schedule b = other.schedule;
            return mine.showsFailure() && (a.switches() != b.switches() ? a.switches() < b.switches()
                    : a.moves().size() < b.moves().size());
        }
    }

    /** The depth-first search's stack: the nodes of the last schedule, down to the deepest with a writer left to try. */
    private static final class Search {
        final List<Node> path = new ArrayList<>();
        long skipped;

        /**
         * The prefix of the next schedule: the choices down to the deepest node with a writer left
         * to try, then that writer; null when every node is exhausted. Exhausted nodes are dropped,
         * and the writers they never tried counted as skipped.
         */
        List<Integer> next() {
            for (int d = path.size() - 1; d >= 0; d--) {
                List<Integer> untried = path.get(d).untried();
                if (!untried.isEmpty()) {
                    List<Integer> prefix = new ArrayList<>();
                    for (int i = 0; i < d; i++) {
                        prefix.add(path.get(i).chosen);
                    }
                    prefix.add(untried.getFirst());
                    return prefix;
                }
                skipped += path.get(d).skipped();
                path.removeLast();
            }
            return null;
        }
    }
}
