package clobber.junit;

import clobber.check.Cell;
import clobber.check.Criterion;
import clobber.check.RunResult;
import clobber.report.CellLines;
import clobber.report.LossStories;
import clobber.report.Machine;
import clobber.report.ReportFolder;
import clobber.report.Results;
import clobber.report.Table;
import clobber.run.DriverCatalog;
import clobber.run.DriverOptions;
import clobber.run.Experiment;
import clobber.run.Plan;
import clobber.run.Scratch;
import clobber.run.Session;
import clobber.strategy.Condition;
import clobber.strategy.WriteStrategy;
import org.opentest4j.AssertionFailedError;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

/**
 * What can be asserted of one strategy, and at what size. Two assertions, the two ways clobber
 * judges a run:
 * <ul>
 * <li>{@link #survives}: every run under the conditions named is SAFE, whatever the strategy
 *     claims; what {@code clobber gate} checks. One driver stands for each condition: THREADS
 *     {@code threads}, PROCESSES {@code processes} (a JVM per writer), CRASH {@code crash},
 *     READERS {@code readers}, POWER_LOSS {@code powerloss}. HOSTS and the hosts-* conditions have none here: the hosts
 *     driver needs machines and a shared file system set up ({@code clobber run --driver hosts}).</li>
 * <li>{@link #keepsClaim}: under every driver, each verdict is one the strategy's own claim
 *     expects (SAFE where it claims to survive, a failure where it does not); what
 *     {@code clobber matrix} checks.</li>
 * </ul>
 * Each returns this, so that assertions chain, and each runs afresh. The settings ({@link #writers},
 * {@link #updates}, {@link #runs}, {@link #reportsTo}) return a copy. The process drivers' worker
 * JVMs make the strategy again from its class name, with its public no-argument constructor, on
 * this JVM's classpath plus the place the strategy's class was loaded from.
 */
public final class StrategyAssert {
    private final WriteStrategy strategy;
    private final int writers;
    private final int updates;
    private final int runs;
    private final Path reports;

    private StrategyAssert(WriteStrategy strategy, int writers, int updates, int runs, Path reports) {
        this.strategy = strategy;
        this.writers = atLeastOne("writers", writers);
        this.updates = atLeastOne("updates", updates);
        this.runs = atLeastOne("runs", runs);
        this.reports = reports;
    }

    static StrategyAssert of(WriteStrategy strategy) {
        return new StrategyAssert(strategy, Plan.DEFAULT_WRITERS, Plan.DEFAULT_WRITES, 1, Path.of("target", "clobber-reports"));
    }

    private static int atLeastOne(String what, int count) {
        if (count < 1) {
            throw new IllegalArgumentException(what + " must be at least 1, not " + count);
        }
        return count;
    }

    /** Concurrent writers in each run (default 8). */
    public StrategyAssert writers(int count) {
        return new StrategyAssert(strategy, count, updates, runs, reports);
    }

    /** Updates each writer makes in each run (default 125). */
    public StrategyAssert updates(int perWriter) {
        return new StrategyAssert(strategy, writers, perWriter, runs, reports);
    }

    /** Runs under each driver (default 1): a race that shows once in five runs needs more than one. */
    public StrategyAssert runs(int perDriver) {
        return new StrategyAssert(strategy, writers, updates, perDriver, reports);
    }

    /** Where report folders go (default {@code target/clobber-reports}): {@code <root>/<timestamp>/}, and {@code <root>/latest}. */
    public StrategyAssert reportsTo(Path root) {
        return new StrategyAssert(strategy, writers, updates, runs, root);
    }

    /**
     * Runs the strategy under the driver of each condition and fails unless every run is SAFE:
     * nothing lost, corrupt, failed or stalled, no torn read, no overlap.
     *
     * @throws AssertionFailedError naming each failing driver's figures and the story of one lost write
     * @throws IllegalStateException if a condition cannot be imposed here (powerloss needs strace)
     * @throws IllegalArgumentException for HOSTS and hosts-*, which need hosts set up
     */
    public StrategyAssert survives(Condition first, Condition... more) {
        EnumSet<Condition> conditions = EnumSet.of(first, more);
        String assertion = "assertThat(" + strategy.name() + ").survives("
                + conditions.stream().map(Condition::label).collect(Collectors.joining(", ")) + ")";
        check(assertion, Criterion.GATE, conditions.stream().map(StrategyAssert::driverFor).distinct().toList());
        return this;
    }

    /**
     * Runs the strategy under every driver clobber has and fails unless each verdict is one its
     * claim expects. A driver that cannot run here (powerloss without strace) is left out, as
     * {@code clobber matrix} leaves it out.
     *
     * @throws AssertionFailedError naming each driver whose verdict the claim did not expect
     */
    public StrategyAssert keepsClaim() {
        check("assertThat(" + strategy.name() + ").keepsClaim()", Criterion.CLAIM, null);
        return this;
    }

    /**
     * The driver that imposes {@code condition} and as little else as can be: mixed imposes
     * threads and processes at once, crash needs processes too.
     */
    private static DriverCatalog.Entry driverFor(Condition condition) {
        return DriverCatalog.imposing(condition).orElseThrow(() -> new IllegalArgumentException("no driver here imposes "
                + condition + ": it needs machines and a shared file system set up (clobber run --driver hosts)"));
    }

    /** Runs the drivers given (null: the defaults), writes the report, and throws if a run fails {@code criterion}. */
    private void check(String assertion, Criterion criterion, List<DriverCatalog.Entry> asked) {
        Results results;
        try {
            results = run(assertion, asked);
        } catch (IOException e) {
            throw new UncheckedIOException(assertion + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(assertion + ": interrupted", e);
        }
        Path folder;
        try {
            folder = ReportFolder.write(reports, results, criterion);
        } catch (IOException e) {
            throw new UncheckedIOException(assertion + ": cannot write the report under " + reports, e);
        }
        if (!results.passed(criterion)) {
            throw failure(assertion, criterion, results.runs(), folder);
        }
    }

    private Results run(String assertion, List<DriverCatalog.Entry> asked) throws IOException, InterruptedException {
        List<DriverCatalog.Entry> drivers = asked == null ? DriverCatalog.defaults() : asked;
        long seed = new java.util.Random().nextLong() >>> 1;
        Plan plan = new Plan(List.of(strategy), drivers, null, writers, updates, runs, spec -> spec.withSeed(seed), Experiment.ONCE);
        try (Session session = Session.open(Scratch.temporary(), classpathOf(strategy), DriverOptions.DEFAULTS)) {
            List<String> unfit = session.unfitCells(plan);
            // Asked for by name, a condition that cannot be imposed is an error, not a pass.
            if (!unfit.isEmpty() && (asked != null || unfit.size() == drivers.size())) {
                throw new IllegalStateException(assertion + ": cannot run " + unfit.getFirst());
            }
            List<RunResult> results = session.run(plan, new LongAdder(), result -> { }).stream()
                    .flatMap(cell -> cell.runs().stream()).toList();
            return new Results(assertion + " (seed " + seed + ")", Machine.here(session.scratch().root()), results)
                    .withLessons(Map.of(strategy.name(), strategy.lesson()));
        }
    }

    /**
     * The worker JVMs load the strategy by its class name, so they need the place it came from:
     * a test's own classes are on this JVM's classpath already, a class loaded by a class loader
     * of its own is not.
     */
    private static String classpathOf(WriteStrategy strategy) {
        CodeSource source = strategy.getClass().getProtectionDomain().getCodeSource();
        if (source == null) {
            return null; // a class of the JDK's own: not a strategy a worker could need
        }
        try {
            return Path.of(source.getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("cannot tell where " + strategy.getClass().getName() + " was loaded from: "
                    + source.getLocation(), e);
        }
    }

    /**
     * The failure: which drivers failed and their figures, how one write was lost, the table of
     * every run and where the report is; expected and actual are each driver's verdict, one a
     * line, for an IDE's comparison view.
     */
    private static AssertionFailedError failure(String assertion, Criterion criterion, List<RunResult> runs, Path folder) {
        List<Cell> cells = Cell.of(runs);
        List<Cell> failing = cells.stream().filter(cell -> !cell.passed(criterion)).toList();
        StringBuilder message = new StringBuilder(assertion).append(": ").append(failing.size()).append(" of ")
                .append(cells.size()).append(cells.size() == 1 ? " driver fails" : " drivers fail")
                .append(" (a driver passes when every run's ").append(criterion.meaning()).append(")\n");
        for (Cell cell : failing) {
            message.append(CellLines.failsLine(cell)).append('\n');
            cell.story().ifPresent(story -> message.append("how one write was lost under ").append(cell.driver())
                    .append(": ").append(LossStories.sentence(story)).append('\n'));
        }
        message.append(Table.render(runs)).append("report: ").append(folder.resolve("index.html"));
        String expected = cells.stream().map(cell -> cell.driver() + ": " + (criterion == Criterion.GATE ? "SAFE"
                : cell.runs().getFirst().judgement().expected().stream().sorted().map(Enum::name)
                        .collect(Collectors.joining(" or ")))).collect(Collectors.joining("\n"));
        String actual = cells.stream().map(cell -> cell.driver() + ": " + cell.verdict()).collect(Collectors.joining("\n"));
        return new AssertionFailedError(message.toString(), expected, actual);
    }
}
