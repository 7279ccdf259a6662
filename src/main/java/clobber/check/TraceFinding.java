package clobber.check;

/**
 * What a writer's system calls show that its files and its acknowledgements cannot: a change of
 * the data file made without a lock that excludes every other writer's, or calls the trace
 * cannot model. {@code writer} made {@code call} (e.g. {@code write(3, "", 212)}); {@code words}
 * say it with the lock state ("W2 wrote 212 bytes to data.json 14 us after flock(3, LOCK_UN) on
 * it"); {@code times} counts the calls of that writer with the same finding, of which this is the
 * first. Found in every run that makes such a call, whether or not a write was lost this time.
 */
public record TraceFinding(String writer, Kind kind, String call, String words, int times) {

    public enum Kind {
        /** A change while the writer held no lock at all (none another process can see). */
        NO_LOCK(true),
        /** A change after the writer released its lock (unlock, or the close of its last descriptor). */
        RELEASED(true),
        /** A change after a close of another descriptor of the file dropped the process's POSIX lock. */
        DROPPED_BY_CLOSE(true),
        /** The read the change rests on was made before the lock was taken, or under one released since. */
        READ_OUTSIDE_LOCK(true),
        /** Locks of kinds that never exclude each other on one file (flock and fcntl on Linux). */
        KINDS_DO_NOT_EXCLUDE(true),
        /** Locks on different files, or a lock one writer takes and another does not. */
        DIFFERENT_FILES(true),
        /** A lock on an inode a rename retired: the other writers lock the file that now has the name. */
        RETIRED_INODE(true),
        /** Only a shared lock held, which other shared holders do not wait for. */
        SHARED_LOCK(true),
        /** The writer mapped the file into memory: what it reads and writes through the mapping is not in the trace. */
        UNMODELLED(false);

        private final boolean unsafeLocking;

        Kind(boolean unsafeLocking) {
            this.unsafeLocking = unsafeLocking;
        }

        /** Whether the finding shows a lock that does not protect a change, as opposed to a gap in what the trace shows. */
        public boolean unsafeLocking() {
            return unsafeLocking;
        }
    }
}
