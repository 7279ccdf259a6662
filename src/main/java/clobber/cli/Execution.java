package clobber.cli;

import clobber.check.RunResult;
import clobber.driver.Driver;
import clobber.report.Machine;
import clobber.report.Matrix;
import clobber.report.Results;
import clobber.report.Scratch;
import clobber.report.Table;
import clobber.driver.RunSpec;
import clobber.driver.WorkerFailure;
import clobber.driver.WorkerPool;
import clobber.strategy.WriteStrategy;
import clobber.workload.Workload;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.function.UnaryOperator;

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
        UnaryOperator<RunSpec> settings = options.settings();
        // Judge every cell before anything is created, so that bad input writes nothing. The
        // drivers made here have no worker pool yet; they are only asked what they can run.
        Matrix plan = new Matrix(locked, drivers(driverNames, null, options.processes), workload,
                options.writers, options.writes, options.runs, settings);
        List<String> unfit = plan.unfitCells();
        if (unfit.size() == locked.size() * plan.drivers().size()) {
            throw new BadInput(unfit.getFirst());
        }
        unfit.forEach(cell -> System.err.println("skipped: " + cell));
        Scratch scratch = options.dir == null ? Scratch.temporary() : scratchAt(options);
        PrintStream out = System.out;
        List<RunResult> results;
        Machine machine = Machine.here(scratch.root());
        try (scratch; WorkerPool pool = new WorkerPool(scratch.root())) {
            Matrix matrix = new Matrix(locked, drivers(driverNames, pool, options.processes), workload,
                    options.writers, options.writes, options.runs, settings);
            results = matrix.run(scratch, result -> System.err.println(Table.progressLine(result)));
        } catch (WorkerFailure e) {
            if (e.external()) {
                throw new BadInput("--writer-cmd: " + e.getMessage());
            }
            throw e;
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

    private static List<Driver> drivers(List<String> names, WorkerPool pool, int processes) {
        return names == null ? Driver.all(pool, processes) : names.stream().map(name -> Driver.named(name, pool, processes)).toList();
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
