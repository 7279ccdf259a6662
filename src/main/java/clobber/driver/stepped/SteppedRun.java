package clobber.driver.stepped;

import clobber.check.Evidence;
import clobber.check.Move;
import clobber.check.Position;
import clobber.driver.RunSpec;
import clobber.driver.WriterRecord;
import clobber.os.FileLocks;
import clobber.os.KernelThread;
import clobber.strategy.Step;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One schedule: the writers run one at a time, each from one position (the start of an update, or
 * a step) to its next, in the order the {@link Scheduler} chooses. After each move the run waits
 * until it is quiet again: every writer stopped at a position, finished, or blocked.
 *
 * <p>A writer is blocked when the kernel shows its thread asleep waiting for a file lock (flock,
 * POSIX, OFD), when it waits for a lock inside its JVM, or when it reaches no position within
 * its writers' {@link SteppedWriters#blockBound} asleep (a writer that polls for a lock file, say) or {@link #BUSY_BOUND}
 * running or in I/O (a spin lock). It is
 * watched while blocked, and it wakes when it runs on (a lock released during another's move):
 * the move says so. When no writer can move and some have not finished, the schedule is a
 * deadlock, reported with who waits and who holds its critical section.
 */
final class SteppedRun {
    /** How long a writer may run or be in I/O without reaching its next position before it counts as blocked (a spin lock). */
    static final Duration BUSY_BOUND = Duration.ofSeconds(2);
    /** How long a move waits for a writer its release woke (the lock table says so) to show it. */
    private static final Duration WAKE_PATIENCE = Duration.ofSeconds(1);
    /** How long a move waits for a writer blocked in a Java lock to show it woke: the JVM tells only once it runs. */
    private static final Duration JAVA_WAKE = Duration.ofMillis(5);
    /** How long writers get to start (a worker JVM starts, warms up and arrives at its first stop). */
    private static final Duration START = Duration.ofSeconds(60);
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private enum Phase { ARRIVED, RUNNING, BLOCKED, FINISHED, STOPPED }

    /** What a blocked writer waits for: a file lock (the kernel's lock table shows it), a lock in its JVM, or nobody knows. */
    private enum Wait { FILE_LOCK, JAVA_LOCK, UNSEEN }

    private final RunSpec spec;
    private final SteppedWriters writers;
    private final Scheduler scheduler;
    private final Step stopAt;
    private final Phase[] phase;
    private final Position[] at;
    private final long[] activeAt;
    private final long[] movedAt;
    private final Wait[] waits;
    private final String[] blockedIn;
    private final List<String> notes = new ArrayList<>();
    /** The file system of the run's files, as the kernel's lock table names it. */
    private final String lockDevice;
    private boolean stopped;

    SteppedRun(RunSpec spec, SteppedWriters writers, Scheduler scheduler, Step stopAt) {
        this.spec = spec;
        this.writers = writers;
        this.scheduler = scheduler;
        this.stopAt = stopAt;
        int count = spec.writers().count();
        phase = new Phase[count];
        at = new Position[count];
        activeAt = new long[count];
        movedAt = new long[count];
        waits = new Wait[count];
        blockedIn = new String[count];
        java.util.Arrays.fill(phase, Phase.RUNNING);
        lockDevice = FileLocks.deviceId(spec.file().toAbsolutePath().getParent());
    }

    Evidence execute() throws IOException, InterruptedException {
        List<Move> moves = new ArrayList<>();
        String deadlock = null;
        try (writers) {
            writers.start();
            awaitFirstStops();
            long begin = System.nanoTime();
            while (true) {
                List<Integer> enabled = enabled();
                if (enabled.isEmpty() && !allEnded()) {
                    settle(); // a writer that polls for its lock may get it late
                    enabled = enabled();
                }
                if (enabled.isEmpty()) {
                    deadlock = anyBlocked() ? deadlock() : null;
                    if (deadlock == null) {
                        in(Phase.STOPPED).forEach(w -> notes.add("W" + w + " was stopped for good at " + at[w] + "; no writer waited for it"));
                    }
                    break;
                }
                int writer = scheduler.next(enabled, List.copyOf(moves));
                if (!enabled.contains(writer)) {
                    throw new IllegalArgumentException("the schedule moves W" + writer + " at move " + (moves.size() + 1)
                            + ", but only " + names(enabled) + " can move there");
                }
                moves.add(move(writer));
            }
            long wall = System.nanoTime() - begin;
            scheduler.ended(List.copyOf(moves), deadlock);
            Evidence evidence = WriterRecord.evidence(writers.records(), wall).noted(notes);
            return deadlock == null ? evidence : evidence.stalled(deadlock);
        }
    }

    private void awaitFirstStops() throws InterruptedException, IOException {
        long deadline = System.nanoTime() + START.toNanos();
        while (anyRunning()) {
            SteppedWriters.Signal signal = writers.signals().poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (signal == null) {
                throw new IOException("a stepped writer did not reach the start of its first update within " + START.toSeconds() + " s");
            }
            take(signal, null);
        }
    }

    /** Runs {@code writer} to its next position and waits until every writer is quiet again. */
    private Move move(int writer) throws InterruptedException {
        Position from = at[writer];
        List<Move.Woken> woke = new ArrayList<>();
        phase[writer] = Phase.RUNNING;
        activeAt[writer] = System.nanoTime();
        movedAt[writer] = activeAt[writer];
        writers.proceed(writer);
        boolean someoneWasBlocked = anyBlocked();
        long patience = System.nanoTime() + WAKE_PATIENCE.toNanos();
        while (true) {
            drain(woke);
            watchBlocked();
            if (!anyRunning()) {
                if (wakeUnseen() && System.nanoTime() < patience) {
                    continue;
                }
                if (someoneWasBlocked && anyBlocked(Wait.JAVA_LOCK)) {
                    settle(woke, JAVA_WAKE);
                }
                if (someoneWasBlocked && anyBlocked(Wait.UNSEEN)) {
                    // A writer that polls for its lock shows no sign of waking but arriving.
                    settle(woke, writers.blockBound().dividedBy(4));
                }
                if (!anyRunning()) {
                    break;
                }
            }
            watchRunning();
        }
        woke.removeIf(w -> w.writer() == writer); // the mover was slow, not woken
        return switch (phase[writer]) {
            case ARRIVED -> new Move(writer, from, Move.Outcome.REACHED, at[writer], null, woke);
            case BLOCKED -> new Move(writer, from, Move.Outcome.BLOCKED, null, blockedIn[writer], woke);
            case FINISHED -> new Move(writer, from, Move.Outcome.FINISHED, null, null, woke);
            case STOPPED -> new Move(writer, from, Move.Outcome.STOPPED, at[writer], null, woke);
            case RUNNING -> throw new IllegalStateException("W" + writer + " still running");
        };
    }

    /** Takes in every signal waiting, the first after up to a poll interval. */
    private void drain(List<Move.Woken> woke) throws InterruptedException {
        BlockingQueue<SteppedWriters.Signal> signals = writers.signals();
        SteppedWriters.Signal signal = signals.poll(POLL_NANOS, TimeUnit.NANOSECONDS);
        while (signal != null) {
            take(signal, woke);
            signal = signals.poll();
        }
    }

    private void take(SteppedWriters.Signal signal, List<Move.Woken> woke) {
        int w = signal.writer();
        boolean wasBlocked = phase[w] == Phase.BLOCKED || (woke != null && blockedIn[w] != null);
        switch (signal) {
            case SteppedWriters.Arrived a -> {
                at[w] = a.position();
                if (stopAt != null && !stopped && a.position().step() == stopAt) {
                    stopped = true;
                    phase[w] = Phase.STOPPED;
                } else {
                    phase[w] = Phase.ARRIVED;
                }
            }
            case SteppedWriters.Finished f -> phase[w] = Phase.FINISHED;
            case SteppedWriters.Died d -> {
                phase[w] = Phase.FINISHED;
                notes.add("W" + w + " died: " + d.why());
            }
        }
        if (wasBlocked && woke != null) {
            woke.add(new Move.Woken(w, phase[w] == Phase.FINISHED ? null : at[w]));
        }
        blockedIn[w] = null;
        waits[w] = null;
    }

    /** A running writer that waits for a lock, or has not arrived within the bound outside I/O, is blocked. */
    private void watchRunning() throws InterruptedException {
        long now = System.nanoTime();
        for (int w = 0; w < phase.length; w++) {
            if (phase[w] != Phase.RUNNING) {
                continue;
            }
            KernelThread thread = writers.kernelThread(w);
            if ((thread.inIo() || thread.running()) && now - movedAt[w] < BUSY_BOUND.toNanos()) {
                activeAt[w] = now;
            } else if (thread.waitsForFileLock() || writers.waitsForJavaLock(w)) {
                confirmBlocked(w, thread);
            } else if (now - activeAt[w] > writers.blockBound().toNanos()) {
                phase[w] = Phase.BLOCKED;
                waits[w] = Wait.UNSEEN;
                blockedIn[w] = "no stop within " + writers.blockBound().toMillis() + " ms, " + thread.describe();
            }
        }
    }

    /**
     * Marks {@code w} blocked if it still waits a poll later with nothing arrived from it: a writer
     * that just arrived at a stop also waits (for its turn), and its arrival is already queued.
     */
    private void confirmBlocked(int w, KernelThread first) throws InterruptedException {
        Thread.sleep(1);
        if (writers.signals().stream().anyMatch(s -> s.writer() == w)) {
            return;
        }
        KernelThread again = writers.kernelThread(w);
        boolean fileLock = again.waitsForFileLock();
        if (fileLock || writers.waitsForJavaLock(w)) {
            phase[w] = Phase.BLOCKED;
            waits[w] = fileLock ? Wait.FILE_LOCK : Wait.JAVA_LOCK;
            blockedIn[w] = fileLock ? "waits for a file lock: " + again.describe() : "waits for a lock in its JVM";
        }
    }

    /** A writer blocked in a lock that the kernel no longer shows waiting has woken: it runs on. */
    private void watchBlocked() {
        for (int w = 0; w < phase.length; w++) {
            if (phase[w] == Phase.BLOCKED && waits[w] != Wait.UNSEEN
                    && !writers.kernelThread(w).waitsForFileLock() && !writers.waitsForJavaLock(w)) {
                phase[w] = Phase.RUNNING;
                activeAt[w] = System.nanoTime();
                movedAt[w] = activeAt[w];
            }
        }
    }

    /**
     * Whether the kernel's lock table has fewer waiting requests from the writers' processes than
     * there are writers blocked in a file lock: a release has woken one, whose thread state has not
     * caught up yet. The run waits for it, so that whether a move woke a writer never depends on
     * how fast the woken thread was scheduled.
     */
    private boolean wakeUnseen() {
        long blocked = in(Phase.BLOCKED).stream().filter(w -> waits[w] == Wait.FILE_LOCK).count();
        return blocked > 0 && blocked > FileLocks.waiting(writers.pids(), lockDevice);
    }

    /** Gives blocked writers {@code time} to arrive: a writer that polls for its lock, or one a Java lock woke, shows nothing sooner. */
    private void settle(List<Move.Woken> woke, Duration time) throws InterruptedException {
        long until = System.nanoTime() + time.toNanos();
        while (System.nanoTime() < until && !anyRunning()) {
            drain(woke);
            watchBlocked();
        }
    }

    private void settle() throws InterruptedException {
        settle(new ArrayList<>(), writers.blockBound().dividedBy(4));
    }

    /** The writers in {@code wanted}, ascending. */
    private List<Integer> in(Phase wanted) {
        List<Integer> writers = new ArrayList<>();
        for (int w = 0; w < phase.length; w++) {
            if (phase[w] == wanted) {
                writers.add(w);
            }
        }
        return writers;
    }

    private boolean anyRunning() {
        return !in(Phase.RUNNING).isEmpty();
    }

    private boolean anyBlocked() {
        return !in(Phase.BLOCKED).isEmpty();
    }

    private boolean anyBlocked(Wait wait) {
        return in(Phase.BLOCKED).stream().anyMatch(w -> waits[w] == wait);
    }

    private List<Integer> enabled() {
        return in(Phase.ARRIVED);
    }

    private boolean allEnded() {
        return in(Phase.FINISHED).size() == phase.length;
    }

    /** Who waits, and who holds: stopped inside its critical section (from after-lock to before-unlock). */
    private String deadlock() {
        List<String> waiting = new ArrayList<>();
        List<String> holding = new ArrayList<>();
        for (int w = 0; w < phase.length; w++) {
            switch (phase[w]) {
                case BLOCKED -> waiting.add("W" + w + " waits since " + at[w] + " (" + blockedIn[w] + ")");
                case STOPPED -> holding.add("W" + w + " is stopped for good at " + at[w]
                        + (insideCriticalSection(at[w]) ? ", inside its critical section: it holds the lock" : ""));
                default -> { }
            }
        }
        return "deadlock: no writer can move. " + String.join("; ", waiting)
                + (holding.isEmpty() ? "" : ". " + String.join("; ", holding));
    }

    private static boolean insideCriticalSection(Position position) {
        Step step = position.step();
        return step != null && step.compareTo(Step.AFTER_LOCK) >= 0 && step.compareTo(Step.BEFORE_UNLOCK) <= 0;
    }

    private static String names(List<Integer> writers) {
        return String.join(", ", writers.stream().map(w -> "W" + w).toList());
    }
}
