package clobber.workload;

import clobber.format.DataFormat;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Writer w's update i adds the key {@code w<w>-<i>}: the test of
 * <a href="https://github.com/Netflix/metaflow/pull/3006">Netflix/metaflow#3006</a>, where 50 threads x 20 writes
 * must leave 1000 keys. A lost write is an acknowledged key that is absent, so the final document
 * says exactly which writes were lost, not only how many.
 */
public final class Keys implements Workload {
    private final DataFormat format;

    /** Keys in a JSON document, as every clobber strategy keeps them. */
    public Keys() {
        this(DataFormat.JSON);
    }

    /** Keys in a document kept in {@code format}, as a tool writes it. */
    public Keys(DataFormat format) {
        this.format = format;
    }

    @Override
    public DataFormat format() {
        return format;
    }

    @Override
    public String name() {
        return "keys";
    }

    /** The key update {@code seq} of writer {@code writer} adds. */
    public static String key(int writer, int seq) {
        return "w" + writer + "-" + seq;
    }

    /** The value it gives the key: the update's number. Only the key's presence is judged. */
    public static int value(int writer, int seq) {
        return seq;
    }

    @Override
    public UnaryOperator<ObjectNode> update(int writer, int seq) {
        String key = key(writer, seq);
        int value = value(writer, seq);
        return document -> document.put(key, value);
    }

    @Override
    public long progress(ObjectNode document) {
        return document.size();
    }

    /** Exact: a key names its write, and an unacknowledged write that landed adds its own key, never one that stands in for another. */
    @Override
    public Loss loss(ObjectNode finalDocument, Acknowledged acknowledged, long unacknowledgedAttempts) {
        return Loss.exactly(lostUpdates(finalDocument, acknowledged).size());
    }

    @Override
    public List<UpdateId> lostUpdates(ObjectNode finalDocument, Acknowledged acknowledged) {
        List<UpdateId> lost = new ArrayList<>();
        for (int w = 0; w < acknowledged.writers(); w++) {
            var seqs = acknowledged.of(w);
            for (int seq = seqs.nextSetBit(0); seq >= 0; seq = seqs.nextSetBit(seq + 1)) {
                if (!finalDocument.has(key(w, seq))) {
                    lost.add(new UpdateId(w, seq));
                }
            }
        }
        return lost;
    }
}
