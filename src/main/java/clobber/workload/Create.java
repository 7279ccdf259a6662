package clobber.workload;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
 * from it and counted lost. A record file that does not parse makes the whole state corrupt.
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
    public ObjectNode finalDocument(Path file) throws IOException {
        ObjectNode union = JsonNodeFactory.instance.objectNode();
        for (Path record : NewFiles.records(file)) {
            union.setAll(Documents.parse(Files.readAllBytes(record)));
        }
        return union;
    }

    @Override
    public long lost(ObjectNode finalDocument, Acknowledged acknowledged) {
        return keys.lost(finalDocument, acknowledged);
    }

    @Override
    public List<UpdateId> lostUpdates(ObjectNode finalDocument, Acknowledged acknowledged) {
        return keys.lostUpdates(finalDocument, acknowledged);
    }
}
