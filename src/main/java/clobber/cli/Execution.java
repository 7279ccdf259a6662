package clobber.cli;

import clobber.check.Experiment;
import clobber.check.Exploration;
import clobber.check.RunResult;
import clobber.driver.Driver;
import clobber.driver.PersistenceModel;
import clobber.report.Cell;
import clobber.report.Criterion;
import clobber.report.Machine;
import clobber.run.Matrix;
import clobber.report.Progress;
import clobber.report.ReportFolder;
import clobber.report.Results;
import clobber.run.Scratch;
import clobber.report.Table;
import clobber.driver.RunSpec;
import clobber.driver.Unavailable;
import clobber.driver.WorkerFailure;
import clobber.driver.WorkerPool;
import clobber.strategy.WriteStrategy;
import clobber.workload.Workload;

import java.io.Console;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * What {@code run}, {@code matrix} and {@code gate} share: validate, run the matrix, print, write
 * the JSON and the report folder, choose the exit code by the criterion.
 */
final class Execution {
    private Execution() {}

    /**
     * Runs {@code strategies} under the drivers named (null: all), and passes or fails the whole
     * by {@code criterion}: each strategy's claim (run, matrix), or no failure at all (gate);
     * {@code runner} runs each cell once or explores it.
     */
    static int run(String command, RunOptions options, ReportOptions report, ClasspathOption classpath,
                   Criterion criterion, List<WriteStrategy> strategies, List<String> driverNames, Experiment.Runner runner)
            throws IOException, InterruptedException {
        options.validate();
        report.validate();
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
        Matrix plan = new Matrix(locked, drivers(driverNames, null, options), workload,
                options.writers, options.writes, options.runs, settings, runner);
        List<String> unfit = plan.unfitCells();
        if (unfit.size() == locked.size() * plan.drivers().size()) {
            throw new BadInput(unfit.getFirst());
        }
        unfit.forEach(cell -> System.err.println("skipped: " + cell));
        report.create();
        Scratch scratch = options.dir == null ? Scratch.temporary() : scratchAt(options, report);
        PrintStream out = System.out;
        List<RunResult> results;
        Machine machine = Machine.here(scratch.root());
        try (scratch; WorkerPool pool = new WorkerPool(scratch.root(), classpath.classpath)) {
            List<Driver> drivers = drivers(driverNames, pool, options);
            Matrix matrix = new Matrix(locked, drivers, workload,
                    options.writers, options.writes, options.runs, settings, runner);
            try (Progress progress = Progress.start(System.err, stderrIsTerminal(), matrix.totalUpdates())) {
                results = matrix.run(scratch, progress.updates(), progress::finished);
            } finally {
                drivers.forEach(Driver::close); // hosts and volumes first, while the pool's workers are still known
            }
        } catch (Exploration.ScheduleDoesNotFit e) {
            report.uncreate();
            throw new BadInput(e.getMessage());
        } catch (WorkerFailure e) {
            if (e.external()) {
                report.uncreate();
                throw new BadInput(options.external().kind().option() + ": " + e.getMessage());
            }
            throw e;
        } catch (Unavailable e) {
            report.uncreate();
            throw new BadInput(e.getMessage());
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
        Cell.of(results).stream().filter(cell -> !cell.passed(criterion)).forEach(cell -> out.println(cell.failsLine()));
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

    private static List<Driver> drivers(List<String> names, WorkerPool pool, RunOptions options) {
        PersistenceModel model = options.persistenceModel();
        return names == null ? Driver.all(pool, options.processes, model, options.maxStates)
                : names.stream().map(name -> Driver.named(name, pool, options.processes, model, options.maxStates,
                        options.hostsSetup())).toList();
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
