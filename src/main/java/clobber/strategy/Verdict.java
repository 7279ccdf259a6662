package clobber.strategy;

/**
 * The outcome of one run, worst first: what a user of the strategy would have suffered. A run gets
 * the first that applies (the judge's rules are tried in this order); the meanings are what the
 * README's table of verdicts shows.
 */
public enum Verdict {
    STALLED("no update completed for `--stall-after` seconds (default 5), or the run outran `--timeout`; the cause clobber"
            + " can see is said with it (e.g. a lock file naming a dead pid)"),
    CORRUPT("a file of the final state does not parse (empty, truncated, garbled, or one JSON value with anything but"
            + " whitespace after it: whatever Python's `json.loads` refuses); for the data file, no loss can be counted, and"
            + " the table says `unreadable`"),
    LOST_WRITES("acknowledged updates are missing from the final file (at least one, where the workload only gives a bound)"),
    DUPLICATED_WRITES("the file holds more than every attempt could have written: an update was applied twice"),
    TORN_READS("readers saw content that does not parse, or a state that never existed (fewer keys than an earlier read)"),
    OVERLAPS("two writers were inside the critical section at once, though nothing was lost this time: the lock does not"
            + " exclude, and the next run may lose writes"),
    UNSAFE_LOCKING("the writers' system calls (strace) show a change of the data file, or the read it rests on, made without a"
            + " lock that excludes every other writer's (no lock, one released or dropped by a close, locks of kinds or on files"
            + " that do not exclude each other, one on an inode a rename retired), though nothing was lost this time: the next"
            + " run may lose writes"),
    ERRORS("updates were given up after 5 failed attempts each (anything a strategy throws counts, an `Error` too), but"
            + " nothing acknowledged was lost; attempts that failed and then succeeded are counted as retries, not errors"),
    INCONCLUSIVE("nothing failed, and nothing proves the writes survived: no update was acknowledged, the counter"
            + " workload's bound does not exclude a loss, a crash run killed no writer, or a writer made calls the trace cannot"
            + " model; or, whatever the files show, clobber could not keep the run's conditions (its file system filled up, a"
            + " writer was killed from outside, crashes came faster than writers could be replaced) and the command exits 3;"
            + " the result says which"),
    SAFE("none of the above, and at least one update acknowledged");

    private final String meaning;

    Verdict(String meaning) {
        this.meaning = meaning;
    }

    /** What the verdict means, in a sentence (Markdown). */
    public String meaning() {
        return meaning;
    }

    /** Whether this verdict shows the strategy failing: anything but SAFE and INCONCLUSIVE. */
    public boolean showsFailure() {
        return this != SAFE && this != INCONCLUSIVE;
    }
}
