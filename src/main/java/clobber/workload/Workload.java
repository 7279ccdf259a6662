package clobber.workload;

import com.fasterxml.jackson.databind.node.ObjectNode;

import clobber.strategy.Documents;
import clobber.strategy.WriteStrategy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * What the writers write: the change each update makes, and, from the final document and the
 * acknowledged updates, how many acknowledged writes are missing. The expected state is known
 * exactly, so every loss is counted, not estimated.
 */
public interface Workload {

    String name();

    /** Whether {@code strategy} stores what this workload writes: one document, or new files. */
    default boolean fits(WriteStrategy strategy) {
        return !strategy.createsNewFiles();
    }

    /** Sets up {@code file} before the writers start: the empty document, for workloads that keep one. */
    default void prepare(Path file) throws IOException {
        Documents.create(file);
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

    /** The state the writers left, read from {@code file}; an {@link IOException} if it does not parse. */
    default ObjectNode finalDocument(Path file) throws IOException {
        return Documents.read(file);
    }

    /** The change made by update {@code seq} of writer {@code writer}. */
    UnaryOperator<ObjectNode> update(int writer, int seq);

    /** Acknowledged writes whose effect is missing from {@code finalDocument}. */
    long lost(ObjectNode finalDocument, Acknowledged acknowledged);

    /**
     * Which acknowledged updates are missing, where the document can tell (each update leaves its
     * own mark); empty where it cannot (a counter says how many, not which).
     */
    default List<UpdateId> lostUpdates(ObjectNode finalDocument, Acknowledged acknowledged) {
        return List.of();
    }

    static List<Workload> all() {
        return List.of(new Keys(), new Counter(), new Create());
    }

    /** The workload a strategy runs with unless told otherwise: keys, or create for new-file strategies. */
    static Workload defaultFor(WriteStrategy strategy) {
        return strategy.createsNewFiles() ? new Create() : new Keys();
    }

    static Workload named(String name) {
        return all().stream().filter(w -> w.name().equals(name)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("unknown workload '" + name + "'; known: "
                        + String.join(", ", all().stream().map(Workload::name).toList())));
    }
}
