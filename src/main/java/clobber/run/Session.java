package clobber.run;

import clobber.check.Cell;
import clobber.check.RunResult;
import clobber.driver.RunSpec;
import clobber.driver.Unavailable;
import clobber.driver.blockdev.MissingPrerequisite;
import clobber.driver.blockdev.RealFs;
import clobber.driver.process.WorkerPool;
import clobber.strategy.WriteStrategy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * Where plans run: a scratch directory, a pool of worker JVMs, and the drivers, each made on first
 * need and kept for the session's runs. Nothing is created, started or written until a plan runs:
 * a plan can be checked ({@link #unfitCells}) on a session first, so that bad input writes nothing.
 * Closing it closes the drivers (their hosts and volumes first, while the pool's workers are still
 * known), then the pool, then the scratch directory.
 */
public final class Session implements AutoCloseable {
    private final Scratch scratch;
    private final WorkerPool pool;
    private final DriverContext context;
    private final Map<String, SessionDriver> drivers = new LinkedHashMap<>();
    /** The real file system the runs' directories are put on ({@code --fs}), made on first need. */
    private RealFs fs;

    private Session(Scratch scratch, String userClasspath, DriverOptions options) {
        this.scratch = scratch;
        this.pool = new WorkerPool(scratch::root, userClasspath);
        this.context = new DriverContext(pool, options);
    }

    /**
     * A session on {@code scratch}, its workers loading users' strategies from {@code userClasspath}
     * too (null: none), its drivers set by {@code options}.
     */
    public static Session open(Scratch scratch, String userClasspath, DriverOptions options) {
        return new Session(scratch, userClasspath, options);
    }

    /** The session's driver of {@code entry}, made on first need. */
    public SessionDriver driver(DriverCatalog.Entry entry) {
        return drivers.computeIfAbsent(entry.name(), name -> new SessionDriver(entry, entry.driver().apply(context), context));
    }

    /** The cells of {@code plan} that cannot run, as "strategy under driver: why"; a run skips them. */
    public List<String> unfitCells(Plan plan) {
        List<String> unfit = new ArrayList<>();
        for (WriteStrategy strategy : plan.strategies()) {
            for (DriverCatalog.Entry entry : plan.drivers()) {
                String why = plan.runner().unfit(driver(entry), plan.spec(strategy, Path.of(Plan.DATA_FILE)));
                if (why != null) {
                    unfit.add(strategy.name() + " under " + entry.name() + ": " + why);
                }
            }
        }
        return unfit;
    }

    /** Every update the plan's writers attempt, for progress. */
    public long totalUpdates(Plan plan) {
        long cells = 0;
        for (WriteStrategy strategy : plan.strategies()) {
            for (DriverCatalog.Entry entry : plan.drivers()) {
                SessionDriver driver = driver(entry);
                RunSpec spec = plan.spec(strategy, Path.of(Plan.DATA_FILE));
                cells += plan.runner().unfit(driver, spec) == null ? driver.driver().sized(spec).attempted() : 0;
            }
        }
        return cells * plan.runs();
    }

    /**
     * Runs {@code plan}, skipping the cells that cannot run, each run in a directory of its own and
     * with a seed of its own (the plan's, plus the run's number in its cell); {@code updatesDone}
     * counts every finished update as it happens, {@code onEach} hears of each run as it is judged.
     */
    public List<Cell> run(Plan plan, LongAdder updatesDone, Consumer<RunResult> onEach) throws IOException, InterruptedException {
        List<RunResult> results = new ArrayList<>();
        for (WriteStrategy strategy : plan.strategies()) {
            for (DriverCatalog.Entry entry : plan.drivers()) {
                SessionDriver driver = driver(entry);
                if (plan.runner().unfit(driver, plan.spec(strategy, Path.of(Plan.DATA_FILE))) != null) {
                    continue;
                }
                for (int i = 0; i < plan.runs(); i++) {
                    Path local = scratch.nextRun(strategy.name() + "-" + entry.name());
                    Path directory = onSessionFs(entry) ? Files.createDirectory(fs().root().resolve(local.getFileName())) : local;
                    RunSpec spec = plan.spec(strategy, directory.resolve(Plan.DATA_FILE));
                    RunResult result = plan.runner().run(driver, spec.withSeed(spec.seed() + i).withProgress(updatesDone));
                    if (directory != local) {
                        copyFiles(directory, local); // what the run left, kept where its scratch directory is
                    }
                    results.add(result);
                    onEach.accept(result);
                }
            }
        }
        return Cell.of(results);
    }

    /** The scratch directory the runs are made in. */
    public Scratch scratch() {
        return scratch;
    }

    /** Where the runs' files live: the real file system of {@code --fs}, or the scratch directory. */
    public Path runsRoot() throws IOException {
        return context.options().fs() == null ? scratch.root() : fs().root();
    }

    /** Whether {@code entry}'s runs go on the session's real file system: with {@code --fs}, unless they make their own. */
    private boolean onSessionFs(DriverCatalog.Entry entry) {
        return context.options().fs() != null && !entry.realFs();
    }

    private synchronized RealFs fs() throws IOException {
        if (fs == null) {
            try {
                fs = RealFs.create(Files.createDirectory(scratch.root().resolve("realfs")), context.options().fs());
            } catch (MissingPrerequisite e) {
                throw new Unavailable(e.getMessage());
            }
        }
        return fs;
    }

    private static void copyFiles(Path from, Path to) throws IOException {
        try (var files = Files.list(from)) {
            for (Path file : files.toList()) {
                if (Files.isRegularFile(file)) {
                    Files.copy(file, to.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        try {
            drivers.values().forEach(driver -> driver.driver().close());
        } finally {
            try {
                pool.close();
            } finally {
                try {
                    if (fs != null) {
                        fs.close(); // before the scratch directory it lives in is deleted
                    }
                } finally {
                    scratch.close();
                }
            }
        }
    }
}
