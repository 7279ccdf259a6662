package clobber.strategy;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;

public final class JvmLockOnly implements WriteStrategy {

    /*
     * The pattern: guard the update with a ReentrantLock (or synchronized) in the JVM, then
     * write a temp file and rename it over the data file. Every test with threads passes: the
     * lock serialises them and the rename keeps the file whole.
     *
     * The failure: the lock lives in one JVM's heap. A second process (a second instance of
     * the service, a cron job, a CLI run by hand) has its own lock and never sees this one:
     *  a) P1 takes its lock, reads {a}.  b) P2 takes ITS lock, reads {a}.
     *  c) P1 renames {a,x} into place.   d) P2 renames {a,y}: x is gone.
     * The threads driver says SAFE; the processes driver loses writes. A test suite that only
     * uses threads cannot tell this strategy from a correct one.
     */

    private static final ReentrantLock LOCK = new ReentrantLock();

    @Override
    public String name() {
        return "jvm-lock-only";
    }

    @Override
    public String lesson() {
        return "A ReentrantLock in the JVM around read, temp file, rename. Threads are serialised and every "
                + "thread test passes; but the lock lives in one JVM's heap, so two processes each hold "
                + "their own and update at the same time: lost writes under the processes driver.";
    }

    @Override
    public Claim claim() {
        // A lock in one JVM's heap: writers in two processes run their updates side by side.
        return Claim.survives(Condition.THREADS, Condition.READERS, Condition.POWER_LOSS)
                .failsUnder(Condition.CRASH, Verdict.LOST_WRITES, Verdict.OVERLAPS)
                // A trace shows every change made holding no lock another process can see.
                .failsUnder(Condition.PROCESSES, Verdict.LOST_WRITES, Verdict.OVERLAPS, Verdict.UNSAFE_LOCKING)
                .failsUnder(Condition.hosts(), Verdict.LOST_WRITES, Verdict.OVERLAPS, Verdict.ERRORS)
                .failsUnder(Condition.FAULTS, Verdict.LOST_WRITES, Verdict.OVERLAPS);
    }

    @Override
    public void update(Path file, UnaryOperator<ObjectNode> change, StepHook steps) throws IOException {
        steps.at(Step.BEFORE_LOCK);
        LOCK.lock();
        try {
            steps.at(Step.AFTER_LOCK);
            Rewrite.readAndReplace(file, change, steps);
            steps.at(Step.BEFORE_UNLOCK);
        } finally {
            LOCK.unlock();
        }
    }

    /*
     * HOW TO SEE IT
     *   ./clobber run --strategy jvm-lock-only --driver processes --writers 4 --writes 250
     *     jvm-lock-only processes: LOST_WRITES, lost 681/1000, 0 retries, 0 given up, 996
     *       overlaps, 712 ops/s
     * (2 cores, Linux 6.18, JDK 25, ext4; the figures vary from run to run, the verdict does not.)
     */
}
