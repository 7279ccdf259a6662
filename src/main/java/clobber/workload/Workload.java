package clobber.workload;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * What the writers write: the change each update makes, and, from the final document and the
 * acknowledged updates, how many acknowledged writes are missing. The expected state is known
 * exactly, so every loss is counted, not estimated.
 */
public interface Workload {

    String name();

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
        return List.of(new Keys(), new Counter());
    }

    static Workload named(String name) {
        return all().stream().filter(w -> w.name().equals(name)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("unknown workload '" + name + "'; known: "
                        + String.join(", ", all().stream().map(Workload::name).toList())));
    }
}
