package clobber.strategy;

import clobber.os.Flock;
import clobber.os.LockPrimitive;

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

    @Override
    public final Optional<LockPrimitive> lock() {
        return Optional.of(lock);
    }

    static LockPrimitive defaultLock() {
        return new Flock();
    }
}
