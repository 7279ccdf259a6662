package clobber.driver.blockdev;

/**
 * Which block writes the device refuses with EIO: those that overlap the device bytes
 * {@code [from, to)} (or, {@code outside}, those that lie wholly outside them), after the first
 * {@code skip} such writes went through, at most {@code count} of them. A refused write changes nothing on the image, as a failed write to a
 * real disk leaves the old bytes (or garbage: the old bytes are the kinder, and still legal,
 * case). The file system sees the I/O error on the request, and the writer whose data it was
 * sees it at its next fsync, once.
 */
public record FaultPlan(long from, long to, long skip, long count, boolean outside) {

    public FaultPlan {
        if (from < 0 || to <= from || skip < 0 || count < 1) {
            throw new IllegalArgumentException("a fault plan needs 0 <= from < to, skip >= 0, count >= 1: "
                    + from + ", " + to + ", " + skip + ", " + count);
        }
    }

    /** Every write from now on that touches {@code [from, to)}. */
    public static FaultPlan writesTo(long from, long to) {
        return new FaultPlan(from, to, 0, Long.MAX_VALUE, false);
    }

    /**
     * Every write from now on that touches nothing of {@code [from, to)}: with the journal's bytes
     * there, a disk that fails data writes while the journal still takes its commits.
     */
    public static FaultPlan writesOutside(long from, long to) {
        return new FaultPlan(from, to, 0, Long.MAX_VALUE, true);
    }

    /** Every write from now on, once {@code skip} writes have gone through (0: at once, as after a mark). */
    public static FaultPlan everyWriteAfter(long skip) {
        return new FaultPlan(0, Long.MAX_VALUE, skip, Long.MAX_VALUE, false);
    }

    boolean covers(long offset, long length) {
        boolean touches = offset < to && offset + length > from;
        return outside != touches;
    }
}
