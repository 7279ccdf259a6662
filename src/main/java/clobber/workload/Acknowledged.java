package clobber.workload;

import java.util.BitSet;

/**
 * Which updates returned without error, writer by writer: the writes a caller was told are done.
 * Only these can be lost; an update that failed was never promised. Each writer records its own
 * row from its own thread.
 */
public final class Acknowledged {
    private final BitSet[] byWriter;

    public Acknowledged(int writers) {
        byWriter = new BitSet[writers];
        for (int w = 0; w < writers; w++) {
            byWriter[w] = new BitSet();
        }
    }

    public int writers() {
        return byWriter.length;
    }

    /** Records that {@code writer}'s update {@code seq} completed. Call only from that writer's thread. */
    public void ack(int writer, int seq) {
        byWriter[writer].set(seq);
    }

    public boolean isAcked(int writer, int seq) {
        return byWriter[writer].get(seq);
    }

    /** The sequence numbers {@code writer} acknowledged. */
    public BitSet of(int writer) {
        return (BitSet) byWriter[writer].clone();
    }

    public long count() {
        long n = 0;
        for (BitSet row : byWriter) {
            n += row.cardinality();
        }
        return n;
    }
}
