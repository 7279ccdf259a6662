package clobber.workload;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.function.UnaryOperator;

/**
 * Every update increments one number, {@code counter}. The document stays tiny, so the race
 * windows are as short as they get; a lost write shows as a counter below the number of
 * acknowledged updates.
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
    public long lost(ObjectNode finalDocument, Acknowledged acknowledged) {
        return Math.max(0, acknowledged.count() - finalDocument.path(FIELD).asLong(0));
    }
}
