package clobber.writers;

import clobber.strategy.Claim;
import clobber.strategy.Step;
import clobber.strategy.StepHook;
import clobber.strategy.WriteStrategy;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * Jackson's ObjectMapper as its README shows it: {@code readValue(File, ...)}, change,
 * {@code writeValue(File, value)}. writeValue(File) opens a FileOutputStream on the file
 * (ObjectMapper.writeValue -> JsonFactory.createGenerator(File) -> new FileOutputStream(f)): the
 * file is truncated, then written in place. No lock, no temp file, no fsync.
 */
public final class JacksonWriteValue implements WriteStrategy {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Override
    public String name() {
        return "jackson-write-value";
    }

    @Override
    public String lesson() {
        return "Jackson's ObjectMapper.readValue(File) then writeValue(File): truncate and write in place, no lock, no fsync.";
    }

    @Override
    public Claim claim() {
        return Claim.nothing();
    }

    @Override
    public void update(Path file, UnaryOperator<ObjectNode> change, StepHook steps) throws IOException {
        ObjectNode document = MAPPER.readValue(file.toFile(), ObjectNode.class);
        steps.at(Step.AFTER_READ);
        MAPPER.writeValue(file.toFile(), change.apply(document));
    }
}
