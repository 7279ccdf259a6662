package clobber.driver.blockdev;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The tests' judge of a data file in a crash state, as clobber judges a final state: the file
 * must parse as one JSON object (else CORRUPT; an empty file is told apart as EMPTY) and hold
 * every acknowledged update's key (else LOST). No file at all is LOST once anything was
 * acknowledged.
 */
record Judged(Verdict verdict, String detail) {
    enum Verdict { OK, EMPTY, CORRUPT, LOST, UNMOUNTABLE }

    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    boolean bad() {
        return verdict != Verdict.OK;
    }

    static Judged judge(StateView view, String relativePath, List<String> acknowledged) throws IOException {
        if (!(view instanceof StateView.Mounted mounted)) {
            return new Judged(Verdict.UNMOUNTABLE, ((StateView.Unmountable) view).reason());
        }
        Path file = mounted.root().resolve(relativePath);
        if (!Files.exists(file)) {
            return acknowledged.isEmpty() ? new Judged(Verdict.OK, "absent") : new Judged(Verdict.LOST, "no " + relativePath);
        }
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length == 0) {
            return new Judged(Verdict.EMPTY, relativePath + " is empty");
        }
        JsonNode document;
        try {
            document = STRICT.readTree(bytes);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return new Judged(Verdict.CORRUPT, bytes.length + " bytes that do not parse: " + e.getOriginalMessage());
        }
        if (document == null || !document.isObject()) {
            return new Judged(Verdict.CORRUPT, "not a JSON object");
        }
        List<String> missing = acknowledged.stream().filter(key -> !document.has(key)).toList();
        return missing.isEmpty() ? new Judged(Verdict.OK, document.size() + " keys") : new Judged(Verdict.LOST, "lacks " + missing);
    }
}
