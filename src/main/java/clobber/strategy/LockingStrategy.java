package clobber.strategy;

import clobber.os.Flock;
import clobber.os.LockPrimitive;
import clobber.os.OpenFile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A strategy that takes a lock, with the lock primitive swappable ({@code --lock}). Its claim
 * loses {@link Condition#THREADS} when the primitive does not exclude two threads of one process:
 * two threads then run the update side by side (lost writes, overlaps, an in-place file garbled),
 * or, with {@code FileChannel}'s own table, the second gets an exception (errors).
 */
public abstract class LockingStrategy implements WriteStrategy {
    protected final LockPrimitive lock;

    protected LockingStrategy(LockPrimitive lock) {
        this.lock = lock;
    }

    /** The claim the pattern makes when its lock excludes every other writer. */
    protected abstract Claim claimWithExclusiveLock();

    @Override
    public final Claim claim() {
        Claim claim = claimWithExclusiveLock();
        return lock.excludesThreads() ? claim : claim.without(Condition.THREADS,
                Verdict.LOST_WRITES, Verdict.CORRUPT, Verdict.OVERLAPS, Verdict.ERRORS);
    }

    /** What a strategy does while it holds its lock, given the locked file's handle. */
    @FunctionalInterface
    protected interface CriticalSection {
        void run(OpenFile locked) throws IOException;
    }

    /**
     * Takes this strategy's lock on {@code path}, runs {@code section} inside it, and releases it,
     * marking {@link Step#BEFORE_LOCK} between the lock file's open and the lock request. The bounds of the critical section are stamped here, after the lock is held and before it
     * is released, for the overlap verifier (as Lucene's VerifyingLockFactory wraps a lock): a
     * locking strategy cannot forget them, nor stamp them outside the lock.
     */
    protected final void whileLocked(Path path, StepHook steps, CriticalSection section) throws IOException {
        try (OpenFile locked = lock.lock(path, () -> steps.at(Step.BEFORE_LOCK))) {
            steps.at(Step.AFTER_LOCK);
            section.run(locked);
            steps.at(Step.BEFORE_UNLOCK);
        }
    }

    /**
     * The lock file of {@code file}: {@code <file>.lock} beside it, created on first use and never
     * deleted or renamed, so that every writer locks one inode for the life of the data file.
     */
    protected static Path lockFileOf(Path file) {
        return file.resolveSibling(file.getFileName() + ".lock");
    }

    @Override
    public final Optional<LockPrimitive> lock() {
        return Optional.of(lock);
    }

    static LockPrimitive defaultLock() {
        return new Flock();
    }
}
