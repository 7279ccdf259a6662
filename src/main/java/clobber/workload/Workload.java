package clobber.workload;

import clobber.os.Named;
import com.fasterxml.jackson.databind.node.ObjectNode;

import clobber.strategy.CorruptDocumentException;
import clobber.format.DataFormat;
import clobber.strategy.WriteStrategy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * What the writers write: the change each update makes, and, from the final document and the
 * acknowledged updates, how many acknowledged writes are missing: exactly where each write leaves
 * its own mark, as a bound where the workload can only count ({@link Loss}).
 */
public interface Workload {

    String name();

    /** Whether {@code strategy} stores what this workload writes: one document, or new files. */
    default boolean fits(WriteStrategy strategy) {
        return !strategy.createsNewFiles();
    }

    /** How the document is kept on disk: JSON, unless the writers are tools of another format (--format). */
    default DataFormat format() {
        return DataFormat.JSON;
    }

    /** Sets up {@code file} before the writers start: the empty document, for workloads that keep one. */
    default void prepare(Path file) throws IOException {
        format().create(file);
    }

    /** Whether the writers keep one document, which readers can read. */
    default boolean hasDocument() {
        return true;
    }

    /**
     * How far a document has come, for readers: a number that a correct history never lowers
     * (keys present, the counter). A read that sees less than an earlier read saw a state that
     * never existed. Workloads without one document have none.
     */
    default long progress(ObjectNode document) {
        throw new UnsupportedOperationException(name() + " keeps no single document to read");
    }

    /** The state the writers left, read from {@code file}: the document, or why it does not parse. */
    default FinalState finalState(Path file) throws IOException {
        try {
            return FinalState.readable(format().read(file));
        } catch (CorruptDocumentException e) {
            return FinalState.unreadable(file.getFileName() + ": " + e.getMessage());
        }
    }

    /** The change made by update {@code seq} of writer {@code writer}. */
    UnaryOperator<ObjectNode> update(int writer, int seq);

    /**
     * How many of the {@code acknowledged} writes are missing from {@code finalDocument}, given
     * that up to {@code unacknowledgedAttempts} attempts may have changed it without being
     * acknowledged (failed attempts, writers killed or stopped mid-update).
     */
    Loss loss(ObjectNode finalDocument, Acknowledged acknowledged, long unacknowledgedAttempts);

    /**
     * Which acknowledged updates are missing, where the document can tell (each update leaves its
     * own mark); empty where it cannot (a counter says how many, not which).
     */
    default List<UpdateId> lostUpdates(ObjectNode finalDocument, Acknowledged acknowledged) {
        return List.of();
    }

    static List<Workload> all() {
        return List.of(new Keys(), new Counter(), new Create(), new Blocks());
    }

    /** The workload a strategy runs with unless told otherwise: keys, or create for new-file strategies. */
    static Workload defaultFor(WriteStrategy strategy) {
        return strategy.createsNewFiles() ? new Create() : new Keys();
    }

    static Workload named(String name) {
        return Named.find("workload", name, all(), Workload::name);
    }
}
