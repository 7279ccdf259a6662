package clobber.check;

/**
 * A condition of a run that clobber could not keep, by {@code cause}, and in {@code words} what
 * showed it. A run with one shows nothing of its strategy, good or bad: the judge makes it
 * INCONCLUSIVE whatever its files hold, unless the cause is the run's own condition (a disk the
 * faults driver fills on purpose).
 */
public record Unkept(Cause cause, String words) {

    public enum Cause {
        /** The file system ran out of space or quota: every strategy fails to write to a full disk. */
        OUT_OF_SPACE,
        /** A writer was killed by SIGKILL that clobber did not send: the OOM killer, or someone. */
        KILLED_FROM_OUTSIDE,
        /** Random crashes came faster than writers could be replaced, and the run stopped for it. */
        CRASHES_OUTRAN
    }
}
