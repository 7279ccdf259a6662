package clobber.cli;

import clobber.os.LockPrimitive;
import clobber.run.DriverCatalog;
import clobber.strategy.Claim;
import clobber.strategy.Condition;
import clobber.strategy.Verdict;
import clobber.strategy.WriteStrategy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The README's tables of strategies, locks, drivers and verdicts, made from the code that states
 * each fact: a strategy's lesson and claim, a lock primitive's mechanism, a driver's catalogue
 * entry, a verdict's meaning.
 * {@code clobber list --markdown} prints them, and a test holds the README to them.
 */
final class ReferenceTables {
    private ReferenceTables() {}

    /** One row per strategy: its pattern (the first sentence of its lesson), what it survives, and how it fails where it does not. */
    static String strategies(List<WriteStrategy> strategies) {
        StringBuilder table = new StringBuilder("| strategy | pattern | survives | fails under, and how |\n|---|---|---|---|\n");
        for (WriteStrategy strategy : strategies) {
            Claim claim = strategy.claim();
            table.append("| `").append(strategy.name()).append("` | ").append(cell(firstSentence(strategy.lesson()))).append(" | ")
                    .append(claim.survives().isEmpty() ? "nothing" : labels(claim.survives())).append(" | ")
                    .append(cell(failures(claim))).append(" |\n");
        }
        return table.toString();
    }

    /** One row per driver: its name, its writers, the conditions it imposes. */
    static String drivers() {
        StringBuilder table = new StringBuilder("| driver | writers | imposes |\n|---|---|---|\n");
        for (DriverCatalog.Entry entry : DriverCatalog.ENTRIES) {
            table.append("| `").append(entry.name()).append("` | ").append(entry.writers()).append(" | ")
                    .append(labels(entry.conditions())).append(entry.byDefault() ? "" : " (run only when asked for)").append(" |\n");
        }
        return table.toString();
    }

    /** One row per lock primitive, the default first. */
    static String locks() {
        StringBuilder table = new StringBuilder("| `--lock` | mechanism | excludes |\n|---|---|---|\n");
        List<LockPrimitive> all = LockPrimitive.all();
        for (LockPrimitive lock : all) {
            table.append("| `").append(lock.name()).append('`').append(lock == all.getFirst() ? " (default)" : "").append(" | ")
                    .append(lock.mechanism()).append(" | ")
                    .append(lock.excludesThreads() ? "threads and processes" : "other processes only").append(" |\n");
        }
        return table.toString();
    }

    /** One row per verdict, worst first. */
    static String verdicts() {
        StringBuilder table = new StringBuilder("| verdict | meaning |\n|---|---|\n");
        for (Verdict verdict : Verdict.values()) {
            table.append("| `").append(verdict).append("` | ").append(verdict.meaning()).append(" |\n");
        }
        return table.toString();
    }

    /** Every table, as the README holds them. */
    static String all(List<WriteStrategy> strategies) {
        return strategies(strategies) + "\n" + locks() + "\n" + drivers() + "\n" + verdicts();
    }

    /** "threads, processes, crash: LOST_WRITES or OVERLAPS; readers: TORN_READS": conditions with the same failures together. */
    private static String failures(Claim claim) {
        Map<Set<Verdict>, List<Condition>> byVerdicts = new LinkedHashMap<>();
        claim.failures().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> byVerdicts.computeIfAbsent(e.getValue(), v -> new ArrayList<>()).add(e.getKey()));
        if (byVerdicts.isEmpty()) {
            return "-";
        }
        return byVerdicts.entrySet().stream().map(e -> labels(e.getValue()) + ": "
                + e.getKey().stream().sorted().map(Verdict::name).collect(Collectors.joining(" or ")))
                .collect(Collectors.joining("; "));
    }

    private static String labels(java.util.Collection<Condition> conditions) {
        return conditions.stream().sorted().map(Condition::label).collect(Collectors.joining(", "));
    }

    private static String firstSentence(String text) {
        int end = text.indexOf(". ");
        return end < 0 ? text : text.substring(0, end + 1);
    }

    /** Text safe in a Markdown table cell: a pipe would end the cell, and {@code <file>} would be taken for HTML. */
    private static String cell(String text) {
        return text.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;");
    }
}
