package clobber.cli;

import clobber.check.RunResult;
import clobber.driver.Driver;
import clobber.report.Machine;
import clobber.report.Matrix;
import clobber.report.Results;
import clobber.report.Scratch;
import clobber.report.Table;
import clobber.strategy.StepHook;
import clobber.strategy.WriteStrategy;
import clobber.workload.Workload;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

/** What {@code run} and {@code matrix} share: validate, run the matrix, print, write the JSON, choose the exit code. */
final class Execution {
    private Execution() {}

    static int run(String command, RunOptions options, List<WriteStrategy> strategies, List<Driver> drivers)
            throws IOException, InterruptedException {
        options.validate();
        Workload workload = options.workload();
        List<WriteStrategy> locked = strategies.stream().map(options::withLock).toList();
        StepHook hook = options.hook();
        Duration timeout = options.timeout();
        Scratch scratch = options.dir == null ? Scratch.temporary() : scratchAt(options);
        PrintStream out = System.out;
        List<RunResult> results;
        Machine machine = Machine.here(scratch.root());
        try (scratch) {
            Matrix matrix = new Matrix(locked, drivers, workload, options.writers, options.writes, options.runs, hook, timeout);
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
