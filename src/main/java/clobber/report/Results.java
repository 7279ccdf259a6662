package clobber.report;

import clobber.check.Criterion;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import clobber.check.RunResult;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The result JSON: the command, the machine, when it finished, each strategy's lesson (so that a
 * report can be rendered again from this file alone), then one object per run.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Results(String command, Machine machine, String finished, Map<String, String> lessons,
                      List<RunResult> runs) {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public Results(String command, Machine machine, List<RunResult> runs) {
        this(command, machine, Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), Map.of(), runs);
    }

    public Results {
        lessons = lessons == null ? Map.of() : lessons;
    }

    public void writeTo(Path file) throws IOException {
        AtomicFiles.write(file, bytes());
    }

    byte[] bytes() throws IOException {
        return MAPPER.writeValueAsBytes(this);
    }

    /** Whether every run's verdict is the one its strategy's claim predicts. */
    public boolean claimsHeld() {
        return passed(Criterion.CLAIM);
    }

    /** Whether every run passes {@code criterion}. */
    public boolean passed(Criterion criterion) {
        return runs.stream().allMatch(criterion::passed);
    }

    /** These results with each strategy's lesson, keyed by strategy name. */
    public Results withLessons(Map<String, String> lessons) {
        return new Results(command, machine, finished, Collections.unmodifiableMap(new LinkedHashMap<>(lessons)), runs);
    }
}
