package clobber.run;

import clobber.check.Experiment;
import clobber.check.RunResult;
import clobber.driver.Driver;
import clobber.driver.RunSpec;
import clobber.strategy.WriteStrategy;
import clobber.workload.Workload;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Every strategy under every driver, {@code repeats} times each, each run in a directory of its
 * own. {@code clobber run} is the matrix of one strategy and one driver. A null {@code workload}
 * runs each strategy with its own ({@link Workload#defaultFor}); {@code settings} adds what every
 * run shares (pauses, limits, readers, crashes, external writers); {@code runner} runs each cell
 * once ({@link Experiment#ONCE}) or explores its schedules.
 */
public record Matrix(List<WriteStrategy> strategies, List<Driver> drivers, Workload workload,
                     int writers, int writesPerWriter, int repeats, UnaryOperator<RunSpec> settings,
                     Experiment.Runner runner) {

    public static final String DATA_FILE = "data.json";

    /** The plain spec of one cell, its file not yet chosen. */
    private RunSpec spec(WriteStrategy strategy, Path file) {
        return settings.apply(RunSpec.of(strategy, workload == null ? Workload.defaultFor(strategy) : workload,
                writers, writesPerWriter, file));
    }

    /** The cells that cannot run, as "strategy under driver: why"; the matrix skips them. */
    public List<String> unfitCells() {
        List<String> unfit = new ArrayList<>();
        for (WriteStrategy strategy : strategies) {
            for (Driver driver : drivers) {
                String why = runner.unfit(driver, spec(strategy, Path.of(DATA_FILE)));
                if (why != null) {
                    unfit.add(strategy.name() + " under " + driver.name() + ": " + why);
                }
            }
        }
        return unfit;
    }

    /** Every update the matrix's writers attempt, for progress. */
    public long totalUpdates() {
        long cells = 0;
        for (WriteStrategy strategy : strategies) {
            for (Driver driver : drivers) {
                RunSpec spec = spec(strategy, Path.of(DATA_FILE));
                cells += runner.unfit(driver, spec) == null ? driver.sized(spec).attempted() : 0;
            }
        }
        return cells * repeats;
    }

    /** Runs the matrix; {@code updatesDone} counts every finished update as it happens. */
    public List<RunResult> run(Scratch scratch, LongAdder updatesDone, Consumer<RunResult> onEach)
            throws IOException, InterruptedException {
        List<RunResult> results = new ArrayList<>();
        for (WriteStrategy strategy : strategies) {
            for (Driver driver : drivers) {
                if (runner.unfit(driver, spec(strategy, Path.of(DATA_FILE))) != null) {
                    continue;
                }
                for (int i = 0; i < repeats; i++) {
                    Path directory = scratch.nextRun(strategy.name() + "-" + driver.name());
                    RunSpec spec = spec(strategy, directory.resolve(DATA_FILE)).withProgress(updatesDone);
                    RunResult result = runner.run(driver, spec);
                    results.add(result);
                    onEach.accept(result);
                }
            }
        }
        return results;
    }
}
