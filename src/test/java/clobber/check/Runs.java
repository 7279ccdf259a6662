package clobber.check;

import clobber.driver.Driver;
import clobber.driver.RunSpec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Repeats a run, each time in a fresh directory: the tests' way of asking "in how many of 20 runs?". */
final class Runs {
    private Runs() {}

    static List<RunResult> repeat(int times, Path scratch, String label, Driver driver, Function<Path, RunSpec> spec)
            throws Exception {
        List<RunResult> results = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            Path dir = Files.createDirectories(scratch.resolve(label.replaceAll("\\W", "_") + "-" + i));
            results.add(Experiment.run(driver, spec.apply(dir.resolve("data.json"))));
        }
        return results;
    }
}
