package clobber.strategy;

import clobber.os.Flock;
import clobber.os.LockPrimitive;

import java.util.Optional;

/**
 * A strategy that takes a lock, with the lock primitive swappable ({@code --lock}). Its claim
 * loses {@link Condition#THREADS} when the primitive does not exclude two threads of one process.
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
        return lock.excludesThreads() ? claim : claim.without(Condition.THREADS);
    }

    @Override
    public final Optional<LockPrimitive> lock() {
        return Optional.of(lock);
    }

    static LockPrimitive defaultLock() {
        return new Flock();
    }
}
