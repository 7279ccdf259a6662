package clobber.check;

import clobber.strategy.Verdict;

/**
 * What makes a run pass, for the exit code and for junit.xml. {@code run} and {@code matrix}
 * compare each verdict with the strategy's claim (a broken strategy that loses writes passes: it
 * did what it said). {@code gate} asks more of a user's strategy: no run may lose, corrupt, fail
 * an update, stall, tear a read or let two writers overlap, whatever it claims.
 */
public enum Criterion {
    CLAIM("verdict matches the strategy's claim") {
        @Override
        public boolean passed(RunResult run) {
            return run.judgement().claimHeld();
        }
    },
    GATE("SAFE: nothing lost, corrupt, failed or stalled; no torn read; no overlap") {
        @Override
        public boolean passed(RunResult run) {
            return run.judgement().verdict() == Verdict.SAFE; // SAFE: no loss, corruption, torn read, overlap, error or stall
        }
    };

    private final String meaning;

    Criterion(String meaning) {
        this.meaning = meaning;
    }

    public abstract boolean passed(RunResult run);

    /** What a run must do to pass, in words, for reports. */
    public String meaning() {
        return meaning;
    }
}
