package clobber.check;

/**
 * What keeps a run from proving that its writes survive: any one makes a run that saw no failure
 * INCONCLUSIVE, and the result names which; conditions not kept make any run INCONCLUSIVE.
 */
public enum Unproven {
    NOTHING_ACKNOWLEDGED("no update was acknowledged: there was nothing to lose"),
    LOSS_BOUNDED("the counter workload's bound on the loss does not exclude one"),
    NO_CRASH("the run was to crash writers and killed none: it says nothing of crashes"),
    UNMODELLED("a writer made calls the trace cannot model (a shared mapping of the file, a write longer than the trace keeps)"),
    CONDITIONS_NOT_KEPT("clobber could not keep the run's conditions (its file system filled up, a writer was killed from"
            + " outside, crashes came faster than writers could be replaced): whatever the files show, the run shows nothing"
            + " of the strategy, and the command exits 3");

    private final String words;

    Unproven(String words) {
        this.words = words;
    }

    public String words() {
        return words;
    }
}
