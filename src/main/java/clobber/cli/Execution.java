package clobber.cli;

import clobber.check.Cell;
import clobber.check.Criterion;
import clobber.check.RunResult;
import clobber.driver.Unavailable;
import clobber.driver.blockdev.FsKind;
import clobber.driver.blockdev.FsSpec;
import clobber.driver.blockdev.MissingPrerequisite;
import clobber.driver.blockdev.Prerequisites;
import clobber.driver.blockdev.PrivateNamespace;
import clobber.driver.process.WorkerFailure;
import clobber.report.CellLines;
import clobber.report.Machine;
import clobber.report.Progress;
import clobber.report.ReportFolder;
import clobber.report.Results;
import clobber.report.Table;
import clobber.run.DriverCatalog;
import clobber.run.Experiment;
import clobber.run.Exploration;
import clobber.run.Plan;
import clobber.run.Scratch;
import clobber.run.Session;
import clobber.strategy.Condition;
import clobber.strategy.WriteStrategy;
import clobber.workload.Workload;

import java.io.Console;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code run}, {@code matrix}, {@code gate} and {@code explore} share: validate, run the plan
 * on a session, print, write the JSON and the report folder, choose the exit code by the criterion.
 */
final class Execution {
    private Execution() {}

    /**
     * Runs {@code strategies} under the drivers named (null: the defaults), and passes or fails the
     * whole by {@code criterion}: each strategy's claim (run, matrix), or no failure at all (gate);
     * {@code runner} runs each cell once or explores it.
     */
    static int run(List<String> arguments, RunOptions options, ReportOptions report, ClasspathOption classpath,
                   Criterion criterion, List<WriteStrategy> strategies, List<String> driverNames, Experiment.Runner runner,
                   Unfit unfitCells)
            throws IOException, InterruptedException {
        String command = "clobber " + String.join(" ", arguments);
        options.validate();
        report.validate();
        if (options.json != null && options.json.toAbsolutePath().normalize().equals(report.root.toAbsolutePath().normalize())) {
            throw new BadInput("--json and --report both name " + options.json + ": the result JSON and the report folder need a name each");
        }
        Workload workload = options.workload();
        List<WriteStrategy> locked = strategies.stream().map(options::withLock).toList();
        if (workload != null) {
            List<String> misfits = locked.stream().filter(s -> !workload.fits(s)).map(WriteStrategy::name).toList();
            if (!misfits.isEmpty()) {
                throw new BadInput("--workload " + workload.name() + " does not fit " + String.join(", ", misfits)
                        + (workload.name().equals("create") ? ": they update one document" : ": they write a new file per update; use --workload create"));
            }
        }
        List<DriverCatalog.Entry> drivers = driverNames == null ? DriverCatalog.defaults()
                : driverNames.stream().map(name -> BadInput.of(() -> DriverCatalog.named(name))).toList();
        FsSpec fs = options.fsSpec();
        if (fs != null && drivers.stream().anyMatch(entry -> entry.conditions().contains(Condition.HOSTS))) {
            throw new BadInput("--fs puts the runs on a real file system of clobber's own; the hosts share a network file system instead");
        }
        boolean realFs = fs != null || drivers.stream().anyMatch(DriverCatalog.Entry::realFs);
        if (realFs && !PrivateNamespace.inside()) {
            Integer relaunched = inPrivateNamespace(fs, driverNames != null, arguments);
            if (relaunched != null) {
                return relaunched;
            }
        }
        Plan plan = new Plan(locked, drivers, workload, options.writers, options.writes, options.runs, options.settings(), runner);
        Scratch scratch = scratch(options);
        PrintStream out = System.out;
        List<Cell> cells;
        Machine machine;
        try (Session session = Session.open(scratch, classpath.classpath, options.driverOptions())) {
            // Every cell is judged before anything is created, so that bad input writes nothing.
            List<String> unfit = session.unfitCells(plan);
            if (unfit.size() == locked.size() * drivers.size()) {
                throw new BadInput(unfit.getFirst());
            }
            if (!unfit.isEmpty() && unfitCells == Unfit.REFUSED) {
                throw new BadInput(unfit.getFirst() + " (pass --skip-unfit to run the rest without it)");
            }
            unfit.forEach(cell -> System.err.println("skipped: " + cell));
            report.create();
            try (Progress progress = Progress.start(System.err, stderrIsTerminal(), session.totalUpdates(plan))) {
                cells = session.run(plan, progress.updates(), progress::finished);
            }
            machine = Machine.here(session.runsRoot());
        } catch (Exploration.ScheduleDoesNotFit e) {
            throw undone(scratch, report, e.getMessage());
        } catch (WorkerFailure e) {
            if (e.external()) {
                throw undone(scratch, report, options.external().kind().option() + ": " + e.getMessage());
            }
            throw e;
        } catch (Unavailable e) {
            throw undone(scratch, report, e.getMessage());
        } catch (BadInput e) {
            throw undone(scratch, report, e.getMessage());
        }
        List<RunResult> results = cells.stream().flatMap(cell -> cell.runs().stream()).toList();
        out.println("machine: " + machine);
        out.println("seed: " + options.seed() + " (run N of a cell used seed+N; --seed replays)");
        out.print(Table.render(results));
        if (options.runs > 1) {
            out.print(Table.summary(cells));
        }
        Results document = new Results(command, machine, results).withLessons(lessons(locked));
        List<String> unwritten = new ArrayList<>();
        Path written = null;
        if (options.json != null) {
            try {
                document.writeTo(options.json);
                out.println("result JSON: " + options.json);
                written = options.json;
            } catch (IOException | RuntimeException e) {
                unwritten.add("--json " + options.json + ": " + e.getMessage());
            }
        }
        cells.stream().filter(cell -> !cell.passed(criterion)).forEach(cell -> out.println(CellLines.failsLine(cell)));
        try {
            Path folder = ReportFolder.write(report.root, document, criterion);
            out.println("report: " + folder.resolve("index.html"));
            written = written != null ? written : folder.resolve("results.json");
        } catch (IOException | RuntimeException e) {
            unwritten.add("--report " + report.root + ": " + e.getMessage());
        }
        if (!unwritten.isEmpty()) {
            System.err.println("clobber: could not write " + String.join("; ", unwritten) + "; the results are in " + saved(document, written));
            return Clobber.INTERNAL_ERROR;
        }
        List<Cell> untested = cells.stream().filter(cell -> cell.environment() != null).toList();
        if (!untested.isEmpty()) {
            // Nothing was shown of these strategies, neither safe nor broken: not a verdict, exit 3.
            System.err.println("clobber: " + CellLines.inconclusive(untested, cells.size()));
            return Clobber.INTERNAL_ERROR;
        }
        return document.passed(criterion) ? 0 : Clobber.CLAIM_BROKEN;
    }

    /**
     * Real file systems are made inside a private mount and PID namespace, so that nothing of them
     * outlives clobber however it ends: this clobber runs again in one, and its exit code is the
     * other's. Where they cannot be made here, a run that asked for one ({@code --fs}, or a driver
     * named that needs one) is bad input; a matrix of the defaults runs here without them, and
     * skips those cells saying why (null).
     */
    private static Integer inPrivateNamespace(FsSpec fs, boolean driversNamed, List<String> arguments)
            throws IOException, InterruptedException {
        try {
            Prerequisites.check(fs == null ? FsKind.EXT4 : fs.kind());
        } catch (MissingPrerequisite missing) {
            if (fs != null || driversNamed) {
                throw new BadInput(missing.getMessage());
            }
            return null;
        }
        List<String> jvm = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(option -> option.startsWith("-D") || option.startsWith("-X")).toList();
        return PrivateNamespace.relaunch(jvm, Clobber.class.getName(), arguments);
    }

    /**
     * Where a finished run's results are kept when an output asked for could not be written:
     * {@code written} if another output holds them, else a new file in the temp directory. A
     * failing output path never loses a result.
     */
    private static Path saved(Results document, Path written) throws IOException {
        if (written != null) {
            return written;
        }
        Path rescue = java.nio.file.Files.createTempFile("clobber-results-", ".json");
        document.writeTo(rescue);
        return rescue;
    }

    /**
     * What becomes of cells that cannot run, when others can: {@code matrix} and {@code run} skip
     * them and say so; a {@code gate} refuses, since a strategy it did not run it cannot pass,
     * unless told to skip.
     */
    enum Unfit { SKIPPED, REFUSED }

    /** Bad input found once the session was under way: what it wrote is taken back, then it is said. */
    private static BadInput undone(Scratch scratch, ReportOptions report, String message) throws IOException {
        scratch.discard();
        report.uncreate();
        return new BadInput(message);
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

    /** The arguments as the user typed them, for the result JSON and to run clobber again. */
    static List<String> arguments(picocli.CommandLine.Model.CommandSpec spec) {
        return spec.root().commandLine().getParseResult().originalArgs();
    }

    private static Scratch scratch(RunOptions options) {
        if (options.dir == null) {
            return Scratch.temporary();
        }
        try {
            return Scratch.at(options.dir);
        } catch (IOException e) {
            throw new BadInput("--dir: " + e.getMessage());
        }
    }
}
