package clobber.report;

import clobber.check.RunResult;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.OptionalLong;

/**
 * The figures only some drivers measure: {@code overlaps} (two writers inside the critical
 * section at once), {@code reads} and {@code tornReads} (readers that saw a half document). They
 * are read from the run's JSON form, not its accessors, so that the reports show them from the
 * day a driver records them and show nothing, rather than a false zero, before.
 */
final class Figures {
    private Figures() {}

    static final String OVERLAPS = "overlaps";
    static final String READS = "reads";
    static final String TORN_READS = "tornReads";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The figure {@code field} of {@code run}, if its driver recorded one. */
    static OptionalLong of(RunResult run, String field) {
        JsonNode value = MAPPER.valueToTree(run).get(field);
        return value != null && value.isNumber() ? OptionalLong.of(value.asLong()) : OptionalLong.empty();
    }
}
