package clobber.check;

/** What the unlocked readers saw: {@code count} reads, {@code torn} of them torn, the first quoted. */
public record Reads(long count, long torn, String firstTorn) {
    public static final Reads NONE = new Reads(0, 0, null);
}
