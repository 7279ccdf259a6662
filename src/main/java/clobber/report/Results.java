package clobber.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import clobber.check.RunResult;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** The result JSON: the machine, the command, then one object per run. */
public record Results(String command, Machine machine, List<RunResult> runs) {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public void writeTo(Path file) throws IOException {
        AtomicFiles.write(file, MAPPER.writeValueAsBytes(this));
    }

    public static Results readFrom(Path file) throws IOException {
        return MAPPER.readValue(file.toFile(), Results.class);
    }

    /** Whether every run's verdict is the one its strategy's claim predicts. */
    public boolean claimsHeld() {
        return runs.stream().allMatch(RunResult::claimHeld);
    }
}
