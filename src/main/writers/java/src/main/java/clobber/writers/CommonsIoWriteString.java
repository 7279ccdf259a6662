package clobber.writers;

import clobber.strategy.Claim;
import clobber.strategy.Step;
import clobber.strategy.StepHook;
import clobber.strategy.WriteStrategy;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.commons.io.FileUtils;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * Apache Commons IO's FileUtils as its user guide shows it: {@code readFileToString(file, UTF_8)},
 * change, {@code writeStringToFile(file, data, UTF_8)}. writeStringToFile opens the file with
 * newOutputStream(file, false) (commons-io 2.22.0 FileUtils.java:3557-3560, 2651-2653), that is
 * Files.newOutputStream with CREATE and TRUNCATE_EXISTING (PathUtils.java:207, 1407-1418): the
 * file is truncated, then written in place. No lock, no temp file, no fsync.
 */
public final class CommonsIoWriteString implements WriteStrategy {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Override
    public String name() {
        return "commons-io-write-string";
    }

    @Override
    public String lesson() {
        return "Commons IO's FileUtils.readFileToString then writeStringToFile: truncate and write in place, no lock, no fsync.";
    }

    @Override
    public Claim claim() {
        return Claim.nothing();
    }

    @Override
    public void update(Path file, UnaryOperator<ObjectNode> change, StepHook steps) throws IOException {
        ObjectNode document = (ObjectNode) MAPPER.readTree(FileUtils.readFileToString(file.toFile(), StandardCharsets.UTF_8));
        steps.at(Step.AFTER_READ);
        FileUtils.writeStringToFile(file.toFile(), MAPPER.writeValueAsString(change.apply(document)), StandardCharsets.UTF_8);
    }
}
