package clobber.workload;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import clobber.strategy.CorruptDocumentException;
import clobber.strategy.Documents;
import clobber.strategy.NewFiles;
import clobber.strategy.WriteStrategy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The {@link Keys} workload for strategies that store each update as a new record file: writer
 * w's update i writes a record holding the key {@code w<w>-<i>}. The final state is the union of
 * every record file, so a record overwritten by a writer that claimed the same name is missing
 * from it and counted lost. Each record is read on its own: one that does not parse (empty, as
 * a writer killed between its create and its write leaves it) is counted unreadable, and its
 * write, if it was acknowledged, lost; the other records still count.
 */
public final class Create implements Workload {
    private final Keys keys = new Keys();

    @Override
    public String name() {
        return "create";
    }

    @Override
    public boolean fits(WriteStrategy strategy) {
        return strategy.createsNewFiles();
    }

    @Override
    public boolean hasDocument() {
        return false;
    }

    /** Nothing to prepare: the records are created by the writers. */
    @Override
    public void prepare(Path file) {
    }

    @Override
    public UnaryOperator<ObjectNode> update(int writer, int seq) {
        return keys.update(writer, seq);
    }

    @Override
    public FinalState finalState(Path file) throws IOException {
        ObjectNode union = JsonNodeFactory.instance.objectNode();
        long unreadable = 0;
        String first = null;
        for (Path record : NewFiles.records(file)) {
            try {
                union.setAll(Documents.parse(Files.readAllBytes(record)));
            } catch (CorruptDocumentException e) {
                if (unreadable++ == 0) {
                    first = record.getFileName() + ": " + e.getMessage();
                }
            }
        }
        return new FinalState(union, unreadable, first);
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
