package clobber.check;

/**
 * Updates that threw, as a caller would count them: every failed attempt ({@code failedAttempts},
 * each one retried while attempts remain), the updates given up after their last attempt
 * ({@code givenUp}: never acknowledged, and what the verdict ERRORS is about), and the first
 * failure, quoted. Anything a strategy throws counts, an {@code Error} as much as an exception.
 */
public record Failures(long failedAttempts, long givenUp, String first) {

    public static final Failures NONE = new Failures(0, 0, null);

    /** These and {@code other}'s, the first quoted being this one's if it has one. */
    public Failures plus(Failures other) {
        return new Failures(failedAttempts + other.failedAttempts, givenUp + other.givenUp, first != null ? first : other.first);
    }
}
