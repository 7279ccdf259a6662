package clobber.check;

/**
 * What keeps a run that saw no failure from proving that its writes survive: any one makes it
 * INCONCLUSIVE, and the result names which.
 */
public enum Unproven {
    NOTHING_ACKNOWLEDGED("no update was acknowledged: there was nothing to lose"),
    LOSS_BOUNDED("the counter workload's bound on the loss does not exclude one"),
    NO_CRASH("the run was to crash writers and killed none: it says nothing of crashes"),
    UNMODELLED("a writer made calls the trace cannot model (a shared mapping of the file, a write longer than the trace keeps)");

    private final String words;

    Unproven(String words) {
        this.words = words;
    }

    public String words() {
        return words;
    }
}
