package clobber.driver.trace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hand-written strace output, one trace file per writer, as {@code strace -f -y} writes it (paths
 * in plain text: the parser reads {@code \xHH} escapes and plain bytes alike), replayed over the
 * directory /d with the data file /d/data.json there before the run. Every line is a microsecond
 * after the one before, whoever wrote it, so the lines' order is the merged order.
 */
final class Traces {
    static final String DATA = "/d/data.json";
    private final Map<String, List<String>> lines = new LinkedHashMap<>();
    private long micros = 1_000_000;

    /** A line of {@code who}'s trace, from task {@code pid}. */
    Traces line(String who, int pid, String call) {
        micros++;
        lines.computeIfAbsent(who, k -> new ArrayList<>())
                .add(pid + " " + micros / 1_000_000 + "." + String.format("%06d", micros % 1_000_000) + "000 " + call);
        return this;
    }

    /** The replay of every trace, files under /d and /tmp followed. */
    List<FileOp> replay(Path scratch) throws IOException {
        Path traces = Files.createTempDirectory(scratch, "traces");
        for (Map.Entry<String, List<String>> trace : lines.entrySet()) {
            Files.write(traces.resolve(trace.getKey() + ".trace"), trace.getValue());
        }
        return Replay.of(TraceFile.merged(traces), List.of(DATA), Map.of(DATA, 2L),
                path -> path.startsWith("/d/") || path.startsWith("/tmp/"), "/d");
    }

    List<clobber.check.TraceFinding> findings(Path scratch) throws IOException {
        return LockDiscipline.of(replay(scratch), Path.of(DATA));
    }
}
