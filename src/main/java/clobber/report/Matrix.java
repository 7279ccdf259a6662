package clobber.report;

import clobber.check.Experiment;
import clobber.check.RunResult;
import clobber.driver.Driver;
import clobber.driver.RunSpec;
import clobber.strategy.StepHook;
import clobber.strategy.WriteStrategy;
import clobber.workload.Workload;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * Every strategy under every driver, {@code repeats} times each, each run in a directory of its
 * own. {@code clobber run} is the matrix of one strategy and one driver.
 */
public record Matrix(List<WriteStrategy> strategies, List<Driver> drivers, Workload workload,
                     int writers, int writesPerWriter, int repeats, StepHook hook, Duration timeout) {

    public static final String DATA_FILE = "data.json";

    public List<RunResult> run(Scratch scratch, Consumer<RunResult> onEach) throws IOException, InterruptedException {
        return run(scratch, new LongAdder(), onEach);
    }

    /** Every update the matrix's writers attempt, for progress. */
    public long totalUpdates() {
        return (long) strategies.size() * drivers.size() * repeats * writers * writesPerWriter;
    }

    /** Runs the matrix; {@code updatesDone} counts every finished update as it happens. */
    public List<RunResult> run(Scratch scratch, LongAdder updatesDone, Consumer<RunResult> onEach)
            throws IOException, InterruptedException {
        List<RunResult> results = new ArrayList<>();
        for (WriteStrategy strategy : strategies) {
            for (Driver driver : drivers) {
                for (int i = 0; i < repeats; i++) {
                    Path directory = scratch.nextRun(strategy.name() + "-" + driver.name());
                    RunSpec spec = new RunSpec(strategy, workload, writers, writesPerWriter,
                            directory.resolve(DATA_FILE), hook, timeout, updatesDone);
                    RunResult result = Experiment.run(driver, spec);
                    results.add(result);
                    onEach.accept(result);
                }
            }
        }
        return results;
    }
}
