package clobber.driver.stepped;

import clobber.check.Position;
import clobber.driver.RunSpec;
import clobber.driver.WriterRecord;
import clobber.os.KernelThread;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.BlockingQueue;

/**
 * The writers of one schedule, each stopped at every position until told to run on: threads of
 * this JVM or worker processes. What they say arrives as {@link Signal}s on one queue.
 */
public interface SteppedWriters extends AutoCloseable {

    /** Makes the stepped writers of one schedule: threads of this JVM, or worker processes. */
    @FunctionalInterface
    interface Factory {
        SteppedWriters make(RunSpec spec) throws IOException;
    }

    /** What a stepped writer says: it stopped at a position, it finished its updates, or its process died. */
    sealed interface Signal {
        int writer();
    }

    record Arrived(int writer, Position position) implements Signal {}

    record Finished(int writer) implements Signal {}

    record Died(int writer, String why) implements Signal {}

    /** Starts the writers; each says {@link Arrived} at the start of its first update. */
    void start() throws IOException;

    BlockingQueue<Signal> signals();

    /** Lets {@code writer}, which has arrived somewhere, run on to its next position. */
    void proceed(int writer);

    /** The processes the writers run in. */
    java.util.Set<Long> pids();

    /** What the kernel says {@code writer}'s thread is doing. */
    KernelThread kernelThread(int writer);

    /** Whether {@code writer} waits for a lock inside its JVM (a ReentrantLock, a monitor), where the kernel sees only a futex. */
    boolean waitsForJavaLock(int writer);

    /**
     * How long a writer asleep, and neither in a lock the kernel shows nor at a stop, may take to
     * reach its next stop before it counts as blocked (a writer that polls for a lock file).
     */
    java.time.Duration blockBound();

    /** The writers' records: acknowledged updates, failures, traces. */
    List<WriterRecord> records();

    /** Gives the schedule up: every writer unwound or killed; nothing of it keeps running. */
    @Override
    void close();
}
