package clobber.check;

/** The outcome of one run, worst first: what a user of the strategy would have suffered. */
public enum Verdict {
    /** The run was stopped: no update completed for the stall window, or it outran its timeout. */
    STALLED,
    /** The final file does not parse: every write, acknowledged or not, is unreadable. */
    CORRUPT,
    /** The file parses, but acknowledged writes are missing from it. */
    LOST_WRITES,
    /** Nothing was lost, but readers saw content that does not parse, or a state that never existed. */
    TORN_READS,
    /**
     * Nothing was lost this time, but the overlap verifier saw two writers inside the critical
     * section at once: the lock does not exclude, and the next run may lose writes.
     */
    OVERLAPS,
    /** Nothing acknowledged was lost, but some updates failed (an exception reached the writer). */
    ERRORS,
    /** Every acknowledged write is present, the file parses, and no update failed. */
    SAFE
}
