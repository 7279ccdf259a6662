package dev.clobber.atomicjson;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;

/**
 * A JSON object kept in one file and updated read-modify-write by any number of threads and
 * processes at once, losing none of their updates, each acknowledged only once it is on disk.
 *
 * <p>The protocol of one commit, the lock-file pattern; a Python writer that takes
 * {@code fcntl.flock} on the same lock file and replaces the file the same way shares it safely:
 * <ol type="a">
 * <li>flock(2) LOCK_EX on {@code <file>.lock}, a file never renamed or deleted: every writer in
 *     every process locks one inode. (Locking the data file itself fails: the rename in (d) swaps
 *     its inode, and the next writer locks one nobody else will ever contend for.)</li>
 * <li>Read the data file by name, strictly ({@link CorruptJsonFileException}); missing is {@code {}}.
 *     A file that does not parse is never overwritten.</li>
 * <li>Apply the changes, in the order they arrived.</li>
 * <li>Write the result to a temp file beside the data file, with its permission bits; fsync it;
 *     rename it over the data file; fsync the directory. The rename is atomic, so a reader (who
 *     needs no lock) or a crash sees the old document or the new, never a part; the fsyncs put the
 *     new document on disk before its name, and the name before anyone is told.</li>
 * <li>Unlock, then complete the updates: an acknowledged update survives a power cut.</li>
 * </ol>
 *
 * <p>Group commit. The write, two fsyncs and a rename cost a millisecond or so on a disk; the
 * change itself, microseconds. So updates that arrive while a commit is in flight queue up and go
 * into the next commit together: one lock, one read, every queued change in arrival order (at
 * most {@code maxBatch}; the rest go into the commit after), one write. N waiting callers cost one
 * commit, not N.
 *
 * <p>Who commits: the caller whose update is at the head of the queue, as LevelDB's writers do
 * (DBImpl::Write), with no thread of this class's own. A caller of {@link #update} waits anyway;
 * making it the committer saves two thread hand-offs per batch (to a committer thread and back),
 * an idle thread per open file and the shutting down of it. The leader's own update is the first
 * of the batch it commits, and it leaves after that one batch, handing the head to the next
 * waiting caller: the queue is first in, first out, and no caller commits more than one batch for
 * others. A caller of {@link #updateAsync} does not wait, so when its update reaches the head
 * with no caller waiting there, a short-lived thread leads until one is.
 *
 * <p>Changes run on the leader's thread, with the lock held: they must be quick and must not update
 * this file themselves. A change that throws leaves no trace, because a change should be a function
 * of the document it is given, free of side effects, as {@code AtomicReference.updateAndGet} asks:
 * the changes of a batch are applied to one copy of the file's document, and when one throws,
 * that copy is made again from the file's and the changes before it are applied again.
 */
public final class AtomicJsonFile implements AutoCloseable {
    /** Enough to take every waiting caller of a busy server, few enough to bound one commit's work. */
    public static final int DEFAULT_MAX_BATCH = 256;
    private static final int LATENCY_SAMPLE = 4096;

    /**
     * Told of the steps of the commit that carries an update, on the committing thread, with the
     * lock held: for instrumentation, such as a verifier of mutual exclusion. A commit carries a
     * batch of updates, and each observer of the batch is told of each step, in batch order;
     * {@code leads} is true for exactly one of them, the batch's first, so that a verifier counts
     * each critical section once. An observer that throws fails the commit.
     */
    public interface Observer {
        Observer NONE = new Observer() { };

        /** The lock is held; nothing is read yet. */
        default void locked(boolean leads) {
        }

        /** The data file is read; the changes are about to be applied. */
        default void read() {
        }

        /** This update's change is in the temp file, which is on disk but not yet renamed over the data file. */
        default void beforeRename() {
        }

        /** The commit is over (durable, or failed) and the lock still held. */
        default void beforeUnlock(boolean leads) {
        }
    }

    private final DataFile data;
    private final int maxBatch;
    private final Latencies latencies = new Latencies(LATENCY_SAMPLE);
    private final ReentrantLock monitor = new ReentrantLock();
    /**
     * Signalled when the queue is empty and every future complete, for close(). A waiting caller
     * has a condition of its own ({@link Update#turn}): a commit wakes its batch's callers and the
     * next head of the queue, not every caller queued.
     */
    private final Condition drained = monitor.newCondition();
    /** Updates not yet complete, in arrival order. The head's batch is being committed whenever this is not empty. */
    private final ArrayDeque<Update> queue = new ArrayDeque<>();
    private long updates;
    private long batches;
    private boolean closed;
    /** Updates out of the queue whose futures are being completed: close() returns after them. */
    private int completing;

    AtomicJsonFile(DataFile data, int maxBatch) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be at least 1, not " + maxBatch);
        }
        this.data = data;
        this.maxBatch = maxBatch;
    }

    /** The JSON object in {@code file}, with batches of at most {@link #DEFAULT_MAX_BATCH} updates. */
    public static AtomicJsonFile open(Path file) {
        return open(file, DEFAULT_MAX_BATCH);
    }

    /**
     * The JSON object in {@code file} (missing: {@code {}}), committing at most {@code maxBatch}
     * updates at once. Nothing is opened until the first update: between commits no descriptor,
     * lock or thread is held.
     */
    public static AtomicJsonFile open(Path file, int maxBatch) {
        return new AtomicJsonFile(new DataFile(file, Files::readAllBytes), maxBatch);
    }

    /**
     * Applies {@code change} to the document and returns once the result is on disk, in this
     * commit or a later one of this file's. Throws what the change threw, or the commit's
     * {@link IOException} ({@link CorruptJsonFileException} if the file does not parse); either
     * way the change is not in the file.
     */
    public void update(UnaryOperator<ObjectNode> change) throws IOException {
        update(change, Observer.NONE);
    }

    /** {@link #update(UnaryOperator)}, telling {@code observer} of the steps of the commit that carries it. */
    public void update(UnaryOperator<ObjectNode> change, Observer observer) throws IOException {
        Update mine = new Update(change, observer, true, monitor.newCondition());
        monitor.lock();
        try {
            enqueue(mine);
            // Waiting is uninterruptible, as a write(2) is: an interrupted caller leaving the queue
            // could leave its change half-committed, or the head of the queue with no one to lead.
            while (!mine.done && queue.peekFirst() != mine) {
                mine.turn.awaitUninterruptibly();
            }
        } finally {
            monitor.unlock();
        }
        if (!mine.done) {
            lead(false);
        }
        switch (mine.failure) {
            case null -> { }
            case IOException e -> throw e;
            case RuntimeException e -> throw e;
            case Error e -> throw e;
            default -> throw new IOException(mine.failure);
        }
    }

    /**
     * Queues {@code change} and returns at once: the future completes when the change is on disk,
     * or fails as {@link #update(UnaryOperator)} would throw. Cancelling it does not withdraw the
     * change. Dependent actions run on the committing thread: keep them short.
     */
    public CompletableFuture<Void> updateAsync(UnaryOperator<ObjectNode> change) {
        return updateAsync(change, Observer.NONE);
    }

    /** {@link #updateAsync(UnaryOperator)}, telling {@code observer} of the steps of the commit that carries it. */
    public CompletableFuture<Void> updateAsync(UnaryOperator<ObjectNode> change, Observer observer) {
        Update update = new Update(change, observer, false, monitor.newCondition());
        boolean head;
        monitor.lock();
        try {
            enqueue(update);
            head = queue.size() == 1;
        } finally {
            monitor.unlock();
        }
        if (head) {
            startLeader();
        }
        return update.future;
    }

    /**
     * The document as the file holds it now: updates still queued are not in it. A read needs no
     * lock: the file is only ever replaced by rename, so it is always one whole document.
     */
    public ObjectNode read() throws IOException {
        return data.read();
    }

    /** Updates completed so far, in how many commits, and their recent latencies. */
    public Stats stats() {
        monitor.lock();
        try {
            return new Stats(updates, batches, latencies.percentile(50), latencies.percentile(99));
        } finally {
            monitor.unlock();
        }
    }

    /** Refuses new updates and returns once every queued one is complete. */
    @Override
    public void close() {
        monitor.lock();
        try {
            closed = true;
            while (!queue.isEmpty() || completing > 0) {
                drained.awaitUninterruptibly();
            }
        } finally {
            monitor.unlock();
        }
    }

    private void enqueue(Update update) {
        if (closed) {
            throw new IllegalStateException(data.path() + " is closed");
        }
        queue.addLast(update);
    }

    /**
     * Commits the batch at the head of the queue, then hands the head on: to its waiting caller,
     * who leads the next batch, or, if nobody waits for it, to a thread that leads until somebody
     * does. A caller leads one batch, its own; a {@code spawned} thread leads on while the heads
     * are async updates.
     */
    private void lead(boolean spawned) {
        while (true) {
            List<Update> batch = new ArrayList<>();
            monitor.lock();
            try {
                Iterator<Update> waiting = queue.iterator();
                while (waiting.hasNext() && batch.size() < maxBatch) {
                    batch.add(waiting.next());
                }
            } finally {
                monitor.unlock();
            }
            Commit.of(batch, data);
            Update next;
            monitor.lock();
            try {
                long now = System.nanoTime();
                for (Update update : batch) {
                    queue.removeFirst();
                    update.done = true;
                    latencies.record(now - update.enqueued);
                    update.turn.signal();
                }
                updates += batch.size();
                batches++;
                next = queue.peekFirst();
                if (next != null) {
                    next.turn.signal(); // the next head leads now
                }
                completing += batch.size();
            } finally {
                monitor.unlock();
            }
            // Futures complete outside the monitor: a caller's dependent action must not run under it.
            batch.forEach(Update::complete);
            monitor.lock();
            try {
                completing -= batch.size();
                if (completing == 0 && queue.isEmpty()) {
                    drained.signalAll(); // close() waits for the futures too
                }
            } finally {
                monitor.unlock();
            }
            if (next == null || next.awaited) {
                return;
            }
            if (!spawned) {
                startLeader();
                return;
            }
        }
    }

    private void startLeader() {
        Thread.ofPlatform().daemon().name("atomic-json-file " + data.path().getFileName()).start(() -> lead(true));
    }
}
