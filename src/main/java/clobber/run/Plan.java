package clobber.run;

import clobber.driver.RunSpec;
import clobber.strategy.WriteStrategy;
import clobber.workload.Workload;

import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * What a session runs: every strategy under every driver, {@code runs} times each. A null
 * {@code workload} runs each strategy with its own ({@link Workload#defaultFor}); {@code settings}
 * adds what every run shares (pauses, limits, readers, crashes, external writers, the seed), and
 * {@code runner} runs each cell once ({@link Experiment#ONCE}) or explores its schedules.
 */
public record Plan(List<WriteStrategy> strategies, List<DriverCatalog.Entry> drivers, Workload workload,
                   int writers, int writesPerWriter, int runs, UnaryOperator<RunSpec> settings, Experiment.Runner runner) {

    public static final String DATA_FILE = "data.json";
    /** Writers in a run, and updates each, unless told otherwise. */
    public static final int DEFAULT_WRITERS = 8;
    public static final int DEFAULT_WRITES = 125;

    public Plan {
        strategies = List.copyOf(strategies);
        drivers = List.copyOf(drivers);
    }

    /** The spec of one run of {@code strategy}, on {@code file}. */
    RunSpec spec(WriteStrategy strategy, Path file) {
        return settings.apply(RunSpec.of(strategy, workload == null ? Workload.defaultFor(strategy) : workload,
                writers, writesPerWriter, file));
    }
}
