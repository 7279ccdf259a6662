package clobber.driver.trace;

/**
 * A lock call as the kernel takes it: its {@link Kind}, its {@link Mode}, and for a record lock
 * the bytes it covers ({@code start}, {@code length}; length 0: to the end of the file and beyond).
 */
public record LockCall(Kind kind, Mode mode, long start, long length) {

    /**
     * Who owns the lock and which locks exclude it. On Linux, flock(2) locks and fcntl(2) record
     * locks never see each other; a POSIX record lock ({@code F_SETLK}) belongs to the process,
     * an OFD lock ({@code F_OFD_SETLK}) to the open file description, and the two conflict as
     * record locks of one file (fcntl(2), "Open file description locks").
     */
    public enum Kind {
        FLOCK("flock"), POSIX("fcntl lock"), OFD("OFD lock");

        private final String words;

        Kind(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }

        /** Whether a lock of this kind and one of {@code other} on the same file can exclude each other. */
        public boolean meets(Kind other) {
            return (this == FLOCK) == (other == FLOCK);
        }
    }

    public enum Mode { EXCLUSIVE, SHARED, UNLOCK }

    /** Whether the bytes of two record locks overlap (flock locks always cover the whole file). */
    public boolean overlaps(LockCall other) {
        if (kind == Kind.FLOCK || other.kind == Kind.FLOCK) {
            return true;
        }
        long end = length == 0 ? Long.MAX_VALUE : start + length;
        long otherEnd = other.length == 0 ? Long.MAX_VALUE : other.start + other.length;
        return start < otherEnd && other.start < end;
    }
}
