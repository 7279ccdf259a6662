package clobber.workload;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.function.UnaryOperator;

/**
 * Every update increments one number, {@code counter}. The document stays tiny, so the race
 * windows are as short as they get; a lost write shows as a counter below the number of
 * acknowledged updates.
 *
 * <p>A counter says how many increments landed, not whose: an increment that landed without an
 * acknowledgement (a writer killed after its rename, a failed attempt that had committed before
 * it failed and was tried again) is indistinguishable from an acknowledged one. With {@code a}
 * acknowledged, {@code u} attempts that may have landed unacknowledged and a final value
 * {@code v}, the lost acknowledged increments are at least {@code a - v} and at most
 * {@code a + u - v}; a value above {@code a + u} is increments applied twice. Use {@link Keys}
 * for an exact count.
 */
public final class Counter implements Workload {
    static final String FIELD = "counter";

    @Override
    public String name() {
        return "counter";
    }

    @Override
    public UnaryOperator<ObjectNode> update(int writer, int seq) {
        return document -> document.put(FIELD, document.path(FIELD).asLong(0) + 1);
    }

    @Override
    public long progress(ObjectNode document) {
        return document.path(FIELD).asLong(0);
    }

    @Override
    public Loss loss(ObjectNode finalDocument, Acknowledged acknowledged, long unacknowledgedAttempts) {
        long acked = acknowledged.count();
        long value = finalDocument.path(FIELD).asLong(0);
        long atLeast = Math.max(0, acked - value);
        long atMost = Math.min(acked, Math.max(0, acked + unacknowledgedAttempts - value));
        return Loss.between(atLeast, atMost, Math.max(0, value - acked - unacknowledgedAttempts));
    }
}
