package clobber.report;

import clobber.check.RunResult;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The runs as a plain text table, one row per run, for terminals and CI logs. */
public final class Table {
    private Table() {}

    private static final String FORMAT = "%-26s %-8s %-10s %15s %10s %6s %8s %9s %8s %8s %6s  %-17s %s%n";

    /** Below this contention a run mostly saw writers take turns: it tested little, whatever it lost. */
    public static final double LOW_CONTENTION = 0.5;

    public static String render(List<RunResult> runs) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, FORMAT, "strategy", "lock", "driver", "lost/acked", "unreadable",
                "errors", "overlaps", "ops/s", "p50 us", "p99 us", "busy", "verdict", "claim"));
        for (RunResult r : runs) {
            out.append(String.format(Locale.ROOT, FORMAT,
                    r.strategy(), r.lock() == null ? "-" : r.lock(), r.driver() + (r.externalWriters() == null ? "" : "+ext"),
                    r.loss().figure() + "/" + r.acknowledged(),
                    r.loss().unreadableFiles(),
                    r.errors(),
                    r.overlaps(),
                    String.format(Locale.ROOT, "%.0f", r.opsPerSec()),
                    r.latencyMicros().p50(), r.latencyMicros().p99(),
                    String.format(Locale.ROOT, "%.0f%%%s", 100 * r.contention(), r.contention() < LOW_CONTENTION ? "!" : ""),
                    r.verdict(),
                    r.claimHeld() ? "held" : "BROKEN (expected " + expected(r) + ")"));
        }
        if (runs.stream().anyMatch(r -> r.contention() < LOW_CONTENTION)) {
            out.append("! busy under 50%: writers mostly took turns, so that run tested little contention.\n");
        }
        runs.stream().filter(r -> r.stalled() != null).map(r -> "stalled: " + r.strategy() + " under " + r.driver()
                + ": " + r.stalled()).distinct().forEach(line -> out.append(line).append('\n'));
        runs.stream().filter(r -> r.notes() != null).flatMap(r -> r.notes().stream()).distinct()
                .forEach(note -> out.append("note: ").append(note).append('\n'));
        return out.toString();
    }

    /** What the claim expected of a run: "SAFE", or the failures it names, "LOST_WRITES or CORRUPT". */
    static String expected(RunResult r) {
        return r.expected().stream().sorted().map(Enum::name).collect(Collectors.joining(" or "));
    }

    /** One line per finished run, for progress. */
    public static String progressLine(RunResult r) {
        return String.format(Locale.ROOT, "%s %s%s: %s, lost %s/%d, %d errors, %d overlaps, %.0f ops/s",
                r.strategy(), r.driver(), r.lock() == null ? "" : " --lock " + r.lock(), r.verdict(),
                r.loss().figure(), r.acknowledged(), r.errors(), r.overlaps(), r.opsPerSec());
    }

    /** For repeated runs: per strategy and driver, how many runs came to each verdict, and the range of losses. */
    public static String summary(List<RunResult> runs) {
        Map<String, List<RunResult>> cells = runs.stream().collect(Collectors.groupingBy(
                r -> r.strategy() + (r.lock() == null ? "" : " --lock " + r.lock()) + " / " + r.driver(),
                LinkedHashMap::new, Collectors.toList()));
        StringBuilder out = new StringBuilder();
        cells.forEach((cell, results) -> {
            Map<Object, Long> verdicts = results.stream().collect(Collectors.groupingBy(
                    RunResult::verdict, LinkedHashMap::new, Collectors.counting()));
            String counts = verdicts.entrySet().stream()
                    .map(e -> e.getKey() + " in " + e.getValue() + "/" + results.size())
                    .collect(Collectors.joining(", "));
            long minLost = results.stream().mapToLong(r -> r.loss().atLeast()).min().orElse(0);
            long maxLost = results.stream().mapToLong(r -> r.loss().atMost()).max().orElse(0);
            long held = results.stream().filter(RunResult::claimHeld).count();
            out.append(String.format(Locale.ROOT, "%s: %s; lost %d..%d per run; claim held in %d/%d%n",
                    cell, counts, minLost, maxLost, held, results.size()));
        });
        return out.toString();
    }
}
