package clobber.workload;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The {@link Keys} workload with a value of {@link #BYTES} bytes a key: each update makes the
 * document a file-system block longer. A document that grows by a few bytes an update fits in the
 * blocks its previous version frees, and on ext4 a writer that meets a full disk gets them back
 * (the allocator forces a journal commit and retries before it says ENOSPC); one that grows by a
 * block does not, so a full disk stops the very next update: an in-place rewrite after its
 * truncate, a replacement before its rename.
 */
public final class Blocks implements Workload {
    /** A 4 KiB block, less the key and the JSON around it. */
    static final int BYTES = 4000;
    private static final String VALUE = "x".repeat(BYTES);

    private final Keys keys = new Keys();

    @Override
    public String name() {
        return "blocks";
    }

    @Override
    public UnaryOperator<ObjectNode> update(int writer, int seq) {
        String key = Keys.key(writer, seq);
        return document -> document.put(key, VALUE);
    }

    @Override
    public long progress(ObjectNode document) {
        return keys.progress(document);
    }

    @Override
    public Loss loss(ObjectNode finalDocument, Acknowledged acknowledged, long unacknowledgedAttempts) {
        return keys.loss(finalDocument, acknowledged, unacknowledgedAttempts);
    }

    @Override
    public List<UpdateId> lostUpdates(ObjectNode finalDocument, Acknowledged acknowledged) {
        return keys.lostUpdates(finalDocument, acknowledged);
    }
}
