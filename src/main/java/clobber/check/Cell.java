package clobber.check;

import clobber.strategy.Verdict;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The runs of one strategy (with its lock) under one driver: one square of the report's matrix,
 * one JUnit testcase. Its verdict is the worst of its runs': one lost write in twenty runs is a
 * strategy that loses writes.
 */
public record Cell(String strategy, String lock, String driver, List<RunResult> runs) {

    /** The runs grouped into cells, in the order they ran. */
    public static List<Cell> of(List<RunResult> runs) {
        record Key(String strategy, String lock, String driver) {}
        Map<Key, List<RunResult>> grouped = runs.stream().collect(Collectors.groupingBy(
                r -> new Key(r.subject().strategy(), r.subject().lock(), r.subject().driver()), LinkedHashMap::new, Collectors.toList()));
        List<Cell> cells = new ArrayList<>();
        grouped.forEach((key, group) -> cells.add(new Cell(key.strategy(), key.lock(), key.driver(), group)));
        return cells;
    }

    /** The strategy as the command line names it: its name, and the lock if one was chosen. */
    public String label() {
        return runs.getFirst().subject().label();
    }

    public Verdict verdict() {
        return runs.stream().map(r -> r.judgement().verdict()).min(Comparator.naturalOrder()).orElseThrow();
    }

    public boolean passed(Criterion criterion) {
        return runs.stream().allMatch(criterion::passed);
    }

    /** Acknowledged writes lost, at least: the runs' exact counts and the floors of their bounds. */
    public long lostAtLeast() {
        return sum(r -> r.damage().loss().atLeast());
    }

    /**
     * The cell's loss as the runs know it: "3" where every count is exact, "0..2" where a
     * workload could only bound it, and the runs whose data file could not be read at all
     * ("unreadable" when all of them), which count nothing.
     */
    public String lostFigure() {
        List<RunResult> counted = runs.stream().filter(r -> !r.damage().loss().uncounted()).toList();
        long uncounted = runs.size() - counted.size();
        if (counted.isEmpty()) {
            return "unreadable";
        }
        long atLeast = counted.stream().mapToLong(r -> r.damage().loss().atLeast()).sum();
        long atMost = counted.stream().mapToLong(r -> r.damage().loss().atMost()).sum();
        String figure = atLeast == atMost ? Long.toString(atLeast) : atLeast + ".." + atMost;
        return uncounted == 0 ? figure : figure + " (+" + uncounted + " unreadable run" + (uncounted == 1 ? "" : "s") + ")";
    }

    /** Files of the final states that do not parse, over all runs. */
    public long unreadableFiles() {
        return sum(r -> r.damage().loss().unreadableFiles());
    }

    public long acknowledged() {
        return sum(r -> r.counts().acknowledged());
    }

    /** Failed attempts, retried or not. */
    public long retries() {
        return sum(r -> r.observed().failures().failedAttempts());
    }

    /** Updates given up after their last attempt: what ERRORS is about. */
    public long givenUp() {
        return sum(r -> r.observed().failures().givenUp());
    }

    public long corruptRuns() {
        return runs.stream().filter(r -> r.damage().loss().unreadableFiles() > 0).count();
    }

    /** How many runs came to {@code verdict}. */
    public long runsWith(Verdict verdict) {
        return runs.stream().filter(r -> r.judgement().verdict() == verdict).count();
    }

    public double opsPerSec() {
        return runs.stream().mapToDouble(r -> r.timing().opsPerSec()).average().orElse(0);
    }

    /** The median run's p50 and the worst run's p99, in microseconds. */
    public long p50() {
        long[] p50s = runs.stream().mapToLong(r -> r.timing().latencyMicros().p50()).sorted().toArray();
        return p50s[p50s.length / 2];
    }

    public long p99() {
        return runs.stream().mapToLong(r -> r.timing().latencyMicros().p99()).max().orElse(0);
    }

    public long reads() {
        return sum(r -> r.observed().reads().count());
    }

    public long tornReads() {
        return sum(r -> r.observed().reads().torn());
    }

    public long overlaps() {
        return sum(r -> r.observed().overlaps().count());
    }

    /** The first loss story among the runs. */
    public Optional<List<LossStory.Event>> story() {
        return runs.stream().map(r -> r.damage().lossStory()).filter(s -> s != null && !s.isEmpty()).findFirst();
    }

    /** The first condition clobber could not keep in a run of this cell, in words; null if it kept them all. */
    public String environment() {
        return runs.stream().map(r -> r.observed().environment()).filter(java.util.Objects::nonNull).findFirst().orElse(null);
    }

    public String claim() {
        return runs.getFirst().judgement().claim();
    }

    private long sum(java.util.function.ToLongFunction<RunResult> figure) {
        return runs.stream().mapToLong(figure).sum();
    }
}
