package clobber.cli;

import clobber.check.RunResult;
import clobber.driver.Driver;
import clobber.report.Machine;
import clobber.report.Cell;
import clobber.report.Criterion;
import clobber.report.Matrix;
import clobber.report.Progress;
import clobber.report.ReportFolder;
import clobber.report.Results;
import clobber.report.Scratch;
import clobber.report.Table;
import clobber.strategy.StepHook;
import clobber.strategy.WriteStrategy;
import clobber.workload.Workload;

import java.io.Console;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code run}, {@code matrix} and {@code gate} share: validate, run the matrix, print, write
 * the JSON and the report folder, choose the exit code by {@code criterion}.
 */
final class Execution {
    private Execution() {}

    static int run(String command, RunOptions options, ReportOptions report, Criterion criterion,
                   List<WriteStrategy> strategies, List<Driver> drivers) throws IOException, InterruptedException {
        options.validate();
        report.validate();
        Workload workload = options.workload();
        List<WriteStrategy> locked = strategies.stream().map(options::withLock).toList();
        StepHook hook = options.hook();
        Duration timeout = options.timeout();
        report.create();
        Scratch scratch = options.dir == null ? Scratch.temporary() : scratchAt(options, report);
        PrintStream out = System.out;
        List<RunResult> results;
        Machine machine = Machine.here(scratch.root());
        try (scratch) {
            Matrix matrix = new Matrix(locked, drivers, workload, options.writers, options.writes, options.runs, hook, timeout);
            try (Progress progress = Progress.start(System.err, stderrIsTerminal(), matrix.totalUpdates())) {
                results = matrix.run(scratch, progress.updates(), progress::finished);
            }
        }
        out.println("machine: " + machine);
        out.print(Table.render(results));
        if (options.runs > 1) {
            out.print(Table.summary(results));
        }
        Results document = new Results(command, machine, results).withLessons(lessons(locked));
        if (options.json != null) {
            document.writeTo(options.json);
            out.println("result JSON: " + options.json);
        }
        Cell.of(results).stream().filter(cell -> !cell.passed(criterion)).forEach(cell ->
                out.println("FAILS: " + cell.strategy() + " under " + cell.driver() + ": " + cell.figures()));
        Path folder = ReportFolder.write(report.root, document, criterion);
        out.println("report: " + folder.resolve("index.html"));
        return document.passed(criterion) ? 0 : Clobber.CLAIM_BROKEN;
    }

    private static Map<String, String> lessons(List<WriteStrategy> strategies) {
        Map<String, String> lessons = new LinkedHashMap<>();
        strategies.forEach(s -> lessons.put(s.name(), s.lesson()));
        return lessons;
    }

    /** A bar redrawn in place only where someone watches; CI logs get plain lines. */
    private static boolean stderrIsTerminal() {
        Console console = System.console();
        return console != null && console.isTerminal();
    }

    /** The command as the user typed it, for the result JSON. */
    static String commandLine(picocli.CommandLine.Model.CommandSpec spec) {
        return "clobber " + String.join(" ", spec.root().commandLine().getParseResult().originalArgs());
    }

    private static Scratch scratchAt(RunOptions options, ReportOptions report) {
        try {
            return Scratch.at(options.dir);
        } catch (IOException e) {
            report.uncreate();
            throw new BadInput("--dir: " + e.getMessage());
        }
    }
}
