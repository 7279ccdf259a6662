package clobber.jmh;

import clobber.report.AtomicFiles;
import clobber.report.Machine;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Folds a JMH run ({@code -rf json}) into clobber's report: copies the raw result to
 * {@code jmh-result.json}, and writes {@code summary.json} and {@code summary.md} with every
 * strategy's updates/s beside its physical ceiling from the same run (all three atomically).
 *
 * <p>The ceiling of a strategy is the Bench_01 baseline that makes the same durable system calls
 * with no JSON and no lock: {@code write} for the in-place strategies (no fsync),
 * {@code writeFsyncRenameDirFsync} for the replace strategies, {@code writeRename} for the
 * replace without fsync. The ratio is strategy / ceiling for the same document size: 100% means
 * the pattern costs nothing beyond what the disk must do.
 *
 * <pre>java -cp benchmarks.jar clobber.jmh.Summary &lt;jmh result.json&gt; &lt;output dir&gt; &lt;command line&gt;</pre>
 */
public final class Summary {
    private static final String LIMIT = "clobber.jmh.Bench_01_PhysicalLimit.";
    private static final Map<String, String> CEILINGS = Map.of(
            "no-lock", "write",
            "flock+seek/truncate", "write",
            "flock-data-file+replace", "writeFsyncRenameDirFsync",
            "lockfile+atomic-replace", "writeFsyncRenameDirFsync",
            "lockfile+atomic-replace without fsync", "writeRename");

    record Row(String strategy, int writers, int keys, double opsPerSecond, double error,
               Double failedPerSecond, String ceiling, Double ceilingOpsPerSecond, Double ratio) {}

    record Run(String command, Machine machine, Map<String, Map<Integer, Double>> limits, List<Row> strategies) {}

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: Summary <jmh result.json> <output directory> <command line>");
            System.exit(2);
        }
        byte[] raw = Files.readAllBytes(Path.of(args[0]));
        Path output = Path.of(args[1]);
        JsonNode results = new ObjectMapper().readTree(raw);

        Map<String, Map<Integer, Double>> limits = new LinkedHashMap<>();
        List<Row> rows = new ArrayList<>();
        for (JsonNode result : results) {
            String benchmark = result.path("benchmark").asText();
            int keys = result.path("params").path("keys").asInt();
            double score = result.path("primaryMetric").path("score").asDouble();
            if (benchmark.startsWith(LIMIT)) {
                limits.computeIfAbsent(benchmark.substring(LIMIT.length()), k -> new LinkedHashMap<>()).put(keys, score);
            }
        }
        for (JsonNode result : results) {
            strategyOf(result).ifPresent(strategy -> rows.add(row(strategy, result, limits)));
        }
        Run run = new Run(args[2], Machine.here(Path.of(System.getProperty("java.io.tmpdir"))), limits, rows);

        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        AtomicFiles.write(output.resolve("jmh-result.json"), raw);
        AtomicFiles.write(output.resolve("summary.json"), json.writeValueAsBytes(run));
        String markdown = markdown(run);
        AtomicFiles.write(output.resolve("summary.md"), markdown.getBytes(StandardCharsets.UTF_8));
        System.out.print(markdown);
    }

    /** The strategy a result measures, or nothing for a baseline. */
    private static Optional<String> strategyOf(JsonNode result) {
        String benchmark = result.path("benchmark").asText();
        if (benchmark.endsWith(".lockfileReplaceWithoutFsync")) {
            return Optional.of("lockfile+atomic-replace without fsync");
        }
        return Optional.ofNullable(result.path("params").path("strategy").textValue());
    }

    private static Row row(String strategy, JsonNode result, Map<String, Map<Integer, Double>> limits) {
        int keys = result.path("params").path("keys").asInt();
        JsonNode primary = result.path("primaryMetric");
        JsonNode failed = result.path("secondaryMetrics").path("failed");
        String ceiling = CEILINGS.get(strategy);
        Double limit = limits.getOrDefault(ceiling, Map.of()).get(keys);
        double score = primary.path("score").asDouble();
        return new Row(strategy, result.path("threads").asInt(), keys, score, primary.path("scoreError").asDouble(),
                failed.isMissingNode() ? null : failed.path("score").asDouble(),
                ceiling, limit, limit == null ? null : score / limit);
    }

    private static String markdown(Run run) {
        TreeSet<Integer> sizes = new TreeSet<>();
        run.limits().values().forEach(bySize -> sizes.addAll(bySize.keySet()));
        run.strategies().forEach(row -> sizes.add(row.keys()));

        StringBuilder md = new StringBuilder("# Updates/s against the physical limit\n\n");
        md.append("`").append(run.command()).append("`  \n").append(run.machine()).append("\n\n");

        md.append("Physical limits (Bench_01: the same bytes, no JSON, no lock), operations/s:\n\n");
        header(md, "baseline", sizes);
        run.limits().forEach((name, bySize) -> {
            md.append("| ").append(name);
            sizes.forEach(keys -> md.append(" | ").append(bySize.containsKey(keys) ? count(bySize.get(keys)) : ""));
            md.append(" |\n");
        });

        md.append("\nStrategies, updates/s (ratio to the ceiling; `failed`: updates/s that threw):\n\n");
        md.append("| strategy | writers | ceiling");
        sizes.forEach(keys -> md.append(" | ").append(String.format("%,d keys", keys)));
        md.append(" |\n|---|---:|---").append("|---:".repeat(sizes.size())).append("|\n");
        Map<String, Map<Integer, Row>> lines = new LinkedHashMap<>();
        for (Row row : run.strategies()) {
            String line = "| " + row.strategy() + " | " + row.writers() + " | " + row.ceiling();
            lines.computeIfAbsent(line, k -> new LinkedHashMap<>()).put(row.keys(), row);
        }
        lines.forEach((line, bySize) -> {
            md.append(line);
            for (int keys : sizes) {
                Row row = bySize.get(keys);
                md.append(" | ");
                if (row != null) {
                    md.append(count(row.opsPerSecond()));
                    if (row.ratio() != null) {
                        md.append(String.format(" (%.0f%%)", 100 * row.ratio()));
                    }
                    if (row.failedPerSecond() != null && row.failedPerSecond() > 0) {
                        md.append(", failed ").append(count(row.failedPerSecond()));
                    }
                }
            }
            md.append(" |\n");
        });
        return md.toString();
    }

    private static void header(StringBuilder md, String first, TreeSet<Integer> sizes) {
        md.append("| ").append(first);
        sizes.forEach(keys -> md.append(" | ").append(String.format("%,d keys", keys)));
        md.append(" |\n|---").append("|---:".repeat(sizes.size())).append("|\n");
    }

    private static String count(double perSecond) {
        return String.format(perSecond >= 100 ? "%,.0f" : "%,.1f", perSecond);
    }
}
