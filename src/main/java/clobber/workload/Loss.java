package clobber.workload;

/**
 * What the state the writers left says about the acknowledged writes, and no more than it says.
 *
 * <p>{@code atLeast} .. {@code atMost}: how many acknowledged writes are missing. Where each write
 * leaves its own mark (a key), the two are equal and the count is exact. Where the workload can
 * only count (a counter), an increment that landed without being acknowledged (a writer killed
 * after its rename, an attempt that failed after it committed and was retried) can stand in for an
 * acknowledged one that was lost, so the state gives a range, and a range is reported as one.
 * {@code surplus}: effects that no attempt explains (a counter above every acknowledged and
 * in-flight increment): some update was applied twice.
 *
 * <p>{@code unreadableFiles}: files of the state that do not parse ({@code firstUnreadable} says
 * which, and why): the data file, or records of a workload that writes one file per update (an
 * empty record is what a writer killed between create and write leaves). When the data file
 * itself is unreadable ({@code uncounted}), nothing can be counted: the range is 0 .. acknowledged.
 */
public record Loss(long atLeast, long atMost, long surplus, long unreadableFiles, String firstUnreadable,
                   boolean uncounted) {

    /** Exactly {@code lost} acknowledged writes are missing, every file readable. */
    public static Loss exactly(long lost) {
        return new Loss(lost, lost, 0, 0, null, false);
    }

    /** Between {@code atLeast} and {@code atMost} acknowledged writes are missing; {@code surplus} effects unexplained. */
    public static Loss between(long atLeast, long atMost, long surplus) {
        return new Loss(atLeast, atMost, surplus, 0, null, false);
    }

    /** The data file does not parse ({@code why}): of {@code acknowledged} writes, any number may be gone. */
    public static Loss uncounted(long acknowledged, String why) {
        return new Loss(0, acknowledged, 0, 1, why, true);
    }

    /** This count, with {@code files} unreadable record files beside it, the first {@code why}. */
    public Loss withUnreadable(long files, String why) {
        return new Loss(atLeast, atMost, surplus, files, why, uncounted);
    }

    /** Whether the count is exact: the state names every write, and could be read. */
    public boolean exact() {
        return atLeast == atMost && !uncounted;
    }

    /** For tables: "3", "0..2" for a range, "unreadable" when nothing could be counted. */
    public String figure() {
        return uncounted ? "unreadable" : exact() ? Long.toString(atLeast) : atLeast + ".." + atMost;
    }
}
