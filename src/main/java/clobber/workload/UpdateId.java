package clobber.workload;

/** Update {@code seq} of writer {@code writer}. */
public record UpdateId(int writer, int seq) {
    @Override
    public String toString() {
        return "W" + writer + "#" + seq;
    }
}
