package clobber.jmh;

import clobber.report.AtomicFiles;
import clobber.report.Machine;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Folds JMH runs ({@code -rf json}, one file per round) into clobber's report: {@code jmh-result.json}
 * (the rounds' results, concatenated: still JMH's format), {@code summary.json} and
 * {@code summary.md}, with every strategy's updates/s beside its physical ceiling from the same
 * round. All three are written atomically.
 *
 * <p>The ceiling of a strategy is the Bench_01 baseline that makes the same durable system calls
 * with no JSON and no lock: {@code write} for the in-place strategies (no fsync),
 * {@code writeFsyncRenameDirFsync} for the replace strategies, {@code writeRename} for the
 * replace without fsync. The ratio is strategy / ceiling at the same document size: 100% means
 * the pattern costs nothing beyond what the disk must do anyway.
 *
 * <p>Two figures of each, because on a shared machine the disk's speed drifts with other people's
 * work, and a baseline measured a minute before the strategy can be off by half:
 * <ul>
 * <li>{@code score}: JMH's score (the mean over iterations), the median over rounds; the ratio is
 *     taken within each round (run N rounds with {@code ./clobber bench --rounds N}) and its median
 *     given. This is what an average second looked like, interference included.
 * <li>{@code best}: the best single iteration over all rounds, and the ratio of bests. The best
 *     iteration is the one least disturbed by anything else, so this ratio is the closest to the
 *     pattern's cost on a quiet machine (the idea behind timeit's "take the minimum").
 * </ul>
 *
 * <p>Group commit has targets of its own, ratios of one figure of the run to another at each
 * document size ({@link #groupCommitTargets}): with 8 writers, 5 times lockfile+atomic-replace's
 * rate and 3 times the single durable replace; with one writer, 0.9 of lockfile+atomic-replace's.
 * They are printed, and said to be met or missed, wherever the run measured both sides.
 *
 * <pre>java -cp benchmarks.jar clobber.jmh.Summary &lt;output dir&gt; &lt;command line&gt; &lt;round 1.json&gt; [&lt;round 2.json&gt; ...]</pre>
 */
public final class Summary {
    private static final String LIMIT = "clobber.jmh.Bench_01_PhysicalLimit.";
    private static final Map<String, String> CEILINGS = Map.of(
            "no-lock", "write",
            "flock+seek/truncate", "write",
            "flock-data-file+replace", "writeFsyncRenameDirFsync",
            "lockfile+atomic-replace", "writeFsyncRenameDirFsync",
            "lockfile+replace-no-fsync", "writeRename",
            "group-commit", "writeFsyncRenameDirFsync");
    private static final String GROUP_COMMIT = "group-commit";
    private static final String LOCKFILE = "lockfile+atomic-replace";

    /** A figure: the median over rounds of their scores, each round's score, and the best iteration. */
    record Figure(double median, List<Double> rounds, double best) {
        static Figure of(List<Double> rounds, double best) {
            double[] sorted = rounds.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            int n = sorted.length;
            return new Figure(n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2, rounds, best);
        }

        /** The figures of {@code results}, one JMH result per round, under {@code metric}. */
        static Figure of(List<JsonNode> results, String metric) {
            List<JsonNode> metrics = results.stream().map(r -> metric.isEmpty()
                    ? r.path("primaryMetric") : r.path("secondaryMetrics").path(metric)).toList();
            double best = metrics.stream().flatMap(m -> StreamSupport.stream(m.path("rawData").spliterator(), false))
                    .flatMap(fork -> StreamSupport.stream(fork.spliterator(), false))
                    .mapToDouble(JsonNode::asDouble).max().orElse(Double.NaN);
            return of(metrics.stream().map(m -> m.path("score").asDouble()).toList(), best);
        }

        /** This figure over {@code ceiling}: per round, then the median; and best over best. */
        Figure over(Figure ceiling) {
            return of(IntStream.range(0, rounds.size()).mapToObj(i -> rounds.get(i) / ceiling.rounds().get(i)).toList(),
                    best / ceiling.best());
        }
    }

    record Row(String strategy, int writers, int keys, Figure opsPerSecond, Figure failedPerSecond,
               String ceiling, Figure ceilingOpsPerSecond, Figure ratio) {}

    /** A ratio with a target: {@code ratio} (numerator / denominator, in words), at least {@code atLeast}, at each document size measured. */
    record Target(String ratio, double atLeast, Map<Integer, Figure> bySize) {}

    record Run(String command, Machine machine, int rounds, Map<String, Map<Integer, Figure>> limits, List<Row> strategies,
               Map<String, Map<Integer, Figure>> others, List<Target> targets) {}

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: Summary <output directory> <command line> <jmh result.json>...");
            System.exit(2);
        }
        Path output = Path.of(args[0]);
        ObjectMapper mapper = new ObjectMapper();
        List<JsonNode> rounds = new ArrayList<>();
        ArrayNode all = mapper.createArrayNode();
        for (String file : Arrays.copyOfRange(args, 2, args.length)) {
            JsonNode round = mapper.readTree(Files.readAllBytes(Path.of(file)));
            rounds.add(round);
            all.addAll((ArrayNode) round);
        }
        Run run = summarise(args[1], rounds);

        ObjectMapper json = mapper.copy().enable(SerializationFeature.INDENT_OUTPUT);
        AtomicFiles.write(output.resolve("jmh-result.json"), json.writeValueAsBytes(all));
        AtomicFiles.write(output.resolve("summary.json"), json.writeValueAsBytes(run));
        String markdown = markdown(run);
        AtomicFiles.write(output.resolve("summary.md"), markdown.getBytes(StandardCharsets.UTF_8));
        System.out.print(markdown);
    }

    private static Run summarise(String command, List<JsonNode> rounds) {
        // Each benchmark and parameter set: its result in every round, in the run's order.
        Map<String, List<JsonNode>> byIdentity = new LinkedHashMap<>();
        for (JsonNode round : rounds) {
            for (JsonNode result : round) {
                byIdentity.computeIfAbsent(result.path("benchmark").asText() + " " + result.path("params"),
                        k -> new ArrayList<>()).add(result);
            }
        }

        Map<String, Map<Integer, Figure>> limits = new LinkedHashMap<>();
        byIdentity.values().stream().filter(results -> results.getFirst().path("benchmark").asText().startsWith(LIMIT))
                .forEach(results -> limits.computeIfAbsent(
                        results.getFirst().path("benchmark").asText().substring(LIMIT.length()), k -> new LinkedHashMap<>())
                        .put(keys(results.getFirst()), Figure.of(results, "")));

        List<Row> rows = new ArrayList<>();
        Map<String, Map<Integer, Figure>> others = new LinkedHashMap<>();
        for (List<JsonNode> results : byIdentity.values()) {
            JsonNode first = results.getFirst();
            String benchmark = first.path("benchmark").asText();
            if (!benchmark.startsWith(LIMIT) && strategyOf(first).isEmpty()) {
                others.computeIfAbsent(benchmark.substring(benchmark.indexOf("Bench_")), k -> new LinkedHashMap<>())
                        .put(keys(first), Figure.of(results, ""));
            }
            strategyOf(first).ifPresent(strategy -> {
                int keys = keys(first);
                String ceiling = CEILINGS.get(strategy);
                Figure score = Figure.of(results, "");
                Figure limit = limits.getOrDefault(ceiling, Map.of()).get(keys);
                boolean counted = !first.path("secondaryMetrics").path("failed").isMissingNode();
                rows.add(new Row(strategy, first.path("threads").asInt(), keys, score,
                        counted ? Figure.of(results, "failed") : null,
                        ceiling, limit, limit == null ? null : score.over(limit)));
            });
        }
        return new Run(command, Machine.here(Path.of(System.getProperty("java.io.tmpdir"))), rounds.size(), limits, rows, others,
                groupCommitTargets(rows, limits));
    }

    /**
     * What group commit must reach, each ratio where the run measured both sides: it batches the
     * updates of 8 writers (Bench_03), so it should make several times the updates of one commit
     * per update, the same lockfile+atomic-replace under the same 8 writers, and of the durable
     * replace alone (Bench_01); with one writer (Bench_02) there is nothing to batch, and its queue
     * should cost next to nothing.
     */
    private static List<Target> groupCommitTargets(List<Row> rows, Map<String, Map<Integer, Figure>> limits) {
        Map<Integer, Figure> ceiling = limits.getOrDefault("writeFsyncRenameDirFsync", Map.of());
        return Stream.of(
                        target(GROUP_COMMIT + " (8 writers) / " + LOCKFILE + " (8 writers)", 5,
                                updates(rows, GROUP_COMMIT, 8), updates(rows, LOCKFILE, 8)),
                        target(GROUP_COMMIT + " (8 writers) / writeFsyncRenameDirFsync", 3,
                                updates(rows, GROUP_COMMIT, 8), ceiling),
                        target(GROUP_COMMIT + " (1 writer) / " + LOCKFILE + " (1 writer)", 0.9,
                                updates(rows, GROUP_COMMIT, 1), updates(rows, LOCKFILE, 1)))
                .filter(target -> !target.bySize().isEmpty())
                .toList();
    }

    /** The updates/s of {@code strategy} with {@code writers} writers, by document size. */
    private static Map<Integer, Figure> updates(List<Row> rows, String strategy, int writers) {
        Map<Integer, Figure> bySize = new TreeMap<>();
        rows.stream().filter(row -> row.strategy().equals(strategy) && row.writers() == writers)
                .forEach(row -> bySize.put(row.keys(), row.opsPerSecond()));
        return bySize;
    }

    /** {@code numerator} over {@code denominator} at each document size both measured. */
    private static Target target(String ratio, double atLeast, Map<Integer, Figure> numerator, Map<Integer, Figure> denominator) {
        Map<Integer, Figure> bySize = new TreeMap<>();
        numerator.forEach((keys, figure) -> {
            if (denominator.containsKey(keys)) {
                bySize.put(keys, figure.over(denominator.get(keys)));
            }
        });
        return new Target(ratio, atLeast, bySize);
    }

    private static int keys(JsonNode result) {
        return result.path("params").path("keys").asInt();
    }

    /** The strategy a result measures, or nothing for a benchmark that measures none. */
    private static Optional<String> strategyOf(JsonNode result) {
        return Optional.ofNullable(result.path("params").path("strategy").textValue());
    }

    private static String markdown(Run run) {
        TreeSet<Integer> sizes = new TreeSet<>();
        run.limits().values().forEach(bySize -> sizes.addAll(bySize.keySet()));
        run.strategies().forEach(row -> sizes.add(row.keys()));
        run.others().values().forEach(bySize -> sizes.addAll(bySize.keySet()));
        String median = run.rounds() > 1 ? "the median of " + run.rounds() + " rounds' scores" : "JMH's score";

        StringBuilder md = new StringBuilder("# Updates/s against the physical limit\n\n");
        md.append("`").append(run.command()).append("`  \n").append(run.machine()).append("\n\n");

        md.append("Each cell: ").append(median).append(", then the best single iteration (the least disturbed by\n")
                .append("anything else on the machine). Ratios are to the ceiling, score to score within a round and best to best.\n\n");
        md.append("Physical limits (Bench_01: the same bytes, no JSON, no lock), operations/s:\n\n");
        table(md, "baseline", "|---", sizes, run.limits(),
                figure -> count(figure.median()) + "; best " + count(figure.best()));

        md.append("\nStrategies, updates/s (ratio to the ceiling); `failed`: updates/s that threw:\n\n");
        Map<String, Map<Integer, Row>> rows = new LinkedHashMap<>();
        for (Row row : run.strategies()) {
            rows.computeIfAbsent(row.strategy() + " | " + row.writers() + " | " + row.ceiling(), k -> new LinkedHashMap<>())
                    .put(row.keys(), row);
        }
        table(md, "strategy | writers | ceiling", "|---|---:|---", sizes, rows, Summary::strategyCell);

        if (!run.targets().isEmpty()) {
            md.append("\nGroup commit against its targets, as ratios: ")
                    .append(run.rounds() > 1 ? "the median over " + run.rounds() + " rounds of the ratio within each" : "score to score")
                    .append(", then best to best:\n\n");
            Map<String, Map<Integer, String>> targets = new LinkedHashMap<>();
            for (Target target : run.targets()) {
                Map<Integer, String> cells = targets.computeIfAbsent(
                        target.ratio() + String.format(Locale.ROOT, " | ≥ %.1fx", target.atLeast()), k -> new LinkedHashMap<>());
                target.bySize().forEach((keys, ratio) -> cells.put(keys, String.format(Locale.ROOT, "%.2fx; best %.2fx, %s",
                        ratio.median(), ratio.best(), ratio.median() >= target.atLeast() ? "met" : "**missed**")));
            }
            table(md, "ratio | target", "|---|---:", sizes, targets, Function.identity());
        }

        if (!run.others().isEmpty()) {
            md.append("\nOther benchmarks, operations/s (microseconds each):\n\n");
            table(md, "benchmark", "|---", sizes, run.others(), figure -> count(figure.median())
                    + String.format(" (%,.1f µs); best %s", 1e6 / figure.median(), count(figure.best())));
        }
        return md.toString();
    }

    /**
     * One Markdown table: {@code head} and a column per document size, {@code align} the
     * separator of the head's columns, a line per entry of {@code rows} (its key the first cells),
     * each size's cell made by {@code cell}, empty where the row has no figure for that size.
     */
    private static <T> void table(StringBuilder md, String head, String align, Set<Integer> sizes,
                                  Map<String, ? extends Map<Integer, T>> rows, Function<T, String> cell) {
        md.append("| ").append(head);
        sizes.forEach(keys -> md.append(" | ").append(String.format("%,d keys", keys)));
        md.append(" |\n").append(align).append("|---:".repeat(sizes.size())).append("|\n");
        rows.forEach((label, bySize) -> {
            md.append("| ").append(label);
            sizes.forEach(keys -> md.append(" | ").append(bySize.containsKey(keys) ? cell.apply(bySize.get(keys)) : ""));
            md.append(" |\n");
        });
    }

    /** A strategy's updates/s, its ratio to its ceiling, the best iteration, and what failed. */
    private static String strategyCell(Row row) {
        StringBuilder cell = new StringBuilder(count(row.opsPerSecond().median()));
        if (row.ratio() != null) {
            cell.append(String.format(" (%.0f%%)", 100 * row.ratio().median()));
        }
        cell.append("; best ").append(count(row.opsPerSecond().best()));
        if (row.ratio() != null) {
            cell.append(String.format(" (%.0f%%)", 100 * row.ratio().best()));
        }
        if (row.failedPerSecond() != null && row.failedPerSecond().median() > 0) {
            cell.append(", failed ").append(count(row.failedPerSecond().median()));
        }
        return cell.toString();
    }

    private static String count(double perSecond) {
        return String.format(perSecond >= 100 ? "%,.0f" : "%,.1f", perSecond);
    }
}
