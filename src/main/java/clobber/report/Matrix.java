package clobber.report;

import clobber.check.Experiment;
import clobber.check.RunResult;
import clobber.driver.Driver;
import clobber.driver.RunSpec;
import clobber.driver.Pause;
import clobber.strategy.WriteStrategy;
import clobber.workload.Workload;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Every strategy under every driver, {@code repeats} times each, each run in a directory of its
 * own. {@code clobber run} is the matrix of one strategy and one driver. A null {@code workload}
 * runs each strategy with its own ({@link Workload#defaultFor}).
 */
public record Matrix(List<WriteStrategy> strategies, List<Driver> drivers, Workload workload,
                     int writers, int writesPerWriter, int repeats, List<Pause> pauses, Duration timeout) {

    public static final String DATA_FILE = "data.json";

    public List<RunResult> run(Scratch scratch, Consumer<RunResult> onEach) throws IOException, InterruptedException {
        List<RunResult> results = new ArrayList<>();
        for (WriteStrategy strategy : strategies) {
            for (Driver driver : drivers) {
                for (int i = 0; i < repeats; i++) {
                    Path directory = scratch.nextRun(strategy.name() + "-" + driver.name());
                    RunSpec spec = new RunSpec(strategy, workload == null ? Workload.defaultFor(strategy) : workload, writers, writesPerWriter,
                            directory.resolve(DATA_FILE), pauses, timeout);
                    RunResult result = Experiment.run(driver, spec);
                    results.add(result);
                    onEach.accept(result);
                }
            }
        }
        return results;
    }
}
