package clobber.cli;

import clobber.check.RunResult;
import clobber.driver.Driver;
import clobber.report.Machine;
import clobber.report.Matrix;
import clobber.report.Results;
import clobber.report.Scratch;
import clobber.report.Table;
import clobber.driver.Pause;
import clobber.driver.WorkerPool;
import clobber.strategy.WriteStrategy;
import clobber.workload.Workload;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

/** What {@code run} and {@code matrix} share: validate, run the matrix, print, write the JSON, choose the exit code. */
final class Execution {
    private Execution() {}

    /** Which drivers to run, by name; null for all. */
    static int run(String command, RunOptions options, List<WriteStrategy> strategies, List<String> driverNames)
            throws IOException, InterruptedException {
        options.validate();
        Workload workload = options.workload();
        List<WriteStrategy> locked = strategies.stream().map(options::withLock).toList();
        if (workload != null) {
            List<String> misfits = locked.stream().filter(s -> !workload.fits(s)).map(WriteStrategy::name).toList();
            if (!misfits.isEmpty()) {
                throw new BadInput("--workload " + workload.name() + " does not fit " + String.join(", ", misfits)
                        + (workload.name().equals("create") ? ": they update one document" : ": they write a new file per update; use --workload create"));
            }
        }
        List<Pause> pauses = options.pauses();
        Duration timeout = options.timeout();
        // Resolve the driver names before anything is created, so that a bad one writes nothing.
        if (driverNames != null) {
            driverNames.forEach(name -> Driver.named(name, null, 1));
        }
        Scratch scratch = options.dir == null ? Scratch.temporary() : scratchAt(options);
        PrintStream out = System.out;
        List<RunResult> results;
        Machine machine = Machine.here(scratch.root());
        try (scratch; WorkerPool pool = new WorkerPool(scratch.root())) {
            List<Driver> drivers = driverNames == null ? Driver.all(pool, options.processes)
                    : driverNames.stream().map(name -> Driver.named(name, pool, options.processes)).toList();
            Matrix matrix = new Matrix(locked, drivers, workload, options.writers, options.writes, options.runs, pauses, timeout);
            results = matrix.run(scratch, result -> System.err.println(Table.progressLine(result)));
        }
        out.println("machine: " + machine);
        out.print(Table.render(results));
        if (options.runs > 1) {
            out.print(Table.summary(results));
        }
        Results document = new Results(command, machine, results);
        if (options.json != null) {
            document.writeTo(options.json);
            out.println("result JSON: " + options.json);
        }
        return document.claimsHeld() ? 0 : Clobber.CLAIM_BROKEN;
    }

    /** The command as the user typed it, for the result JSON. */
    static String commandLine(picocli.CommandLine.Model.CommandSpec spec) {
        return "clobber " + String.join(" ", spec.root().commandLine().getParseResult().originalArgs());
    }

    private static Scratch scratchAt(RunOptions options) {
        try {
            return Scratch.at(options.dir);
        } catch (IOException e) {
            throw new BadInput("--dir: " + e.getMessage());
        }
    }
}
