package clobber.strategy;

/** The outcome of one run, worst first: what a user of the strategy would have suffered. */
public enum Verdict {
    /** The run was stopped: no update completed for the stall window, or it outran its timeout. */
    STALLED,
    /** A file of the final state does not parse: the data file (nothing in it can be read), or a record. */
    CORRUPT,
    /** The state parses, but acknowledged writes are missing from it (at least this many, where only a bound is known). */
    LOST_WRITES,
    /** The state holds more than every attempt could have written: some update was applied twice. */
    DUPLICATED_WRITES,
    /** Nothing was lost, but readers saw content that does not parse, or a state that never existed. */
    TORN_READS,
    /**
     * Nothing was lost this time, but the overlap verifier saw two writers inside the critical
     * section at once: the lock does not exclude, and the next run may lose writes.
     */
    OVERLAPS,
    /** Nothing acknowledged was lost, but some updates failed (an exception reached the writer). */
    ERRORS,
    /**
     * Nothing failed, and nothing proves the writes survived either: no update was acknowledged,
     * or the workload can only bound the loss and the bound does not exclude one (a counter with
     * unacknowledged increments that may stand in for lost ones).
     */
    INCONCLUSIVE,
    /** Every acknowledged write is present, the file parses, and no update failed. */
    SAFE;

    /** Whether this verdict shows the strategy failing: anything but SAFE and INCONCLUSIVE. */
    public boolean showsFailure() {
        return this != SAFE && this != INCONCLUSIVE;
    }
}
