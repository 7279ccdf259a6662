package clobber.run;

import clobber.check.RunResult;
import clobber.driver.RunSpec;
import clobber.driver.process.WorkerPool;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * One {@link Session} for a test class: its scratch directory and worker pool made before the
 * first test, its drivers, workers and files gone after the last. Runs are seeded: run {@code i}
 * of a {@link #repeat} gets seed {@code i}, which every result carries and prints, so that a
 * failing run replays.
 */
public final class SessionUnderTest implements BeforeAllCallback, AfterAllCallback {
    private final DriverOptions options;
    private Session session;

    public SessionUnderTest() {
        this(DriverOptions.DEFAULTS);
    }

    public SessionUnderTest(DriverOptions options) {
        this.options = options;
    }

    public Session session() {
        return session;
    }

    /** The session's driver called {@code name} in the catalogue. */
    public SessionDriver driver(String name) {
        return session.driver(DriverCatalog.named(name));
    }

    /** A driver called {@code name}, made with {@code other} options on the session's pool. */
    public SessionDriver driver(String name, DriverOptions other) {
        DriverCatalog.Entry entry = DriverCatalog.named(name);
        DriverContext context = new DriverContext(pool(), other);
        return new SessionDriver(entry, entry.driver().apply(context), context);
    }

    public WorkerPool pool() {
        return driver("processes").context().pool();
    }

    /** A fresh directory for a run, named after {@code label}. */
    public Path directory(String label) throws IOException {
        return session.scratch().nextRun(label);
    }

    /** One run of {@code spec} (given its data file, in a fresh directory) under {@code driver}, with seed 0. */
    public RunResult run(SessionDriver driver, Function<Path, RunSpec> spec) throws Exception {
        return repeat(1, driver, spec).getFirst();
    }

    public RunResult run(String driver, Function<Path, RunSpec> spec) throws Exception {
        return run(driver(driver), spec);
    }

    /** One run of {@code spec}, on the file it names, under the session's driver called {@code driver}. */
    public RunResult run(String driver, RunSpec spec) throws Exception {
        return Experiment.run(driver(driver), spec);
    }

    /** {@code times} runs of {@code spec}, each in a fresh directory, run {@code i} with seed {@code i}. */
    public List<RunResult> repeat(int times, SessionDriver driver, Function<Path, RunSpec> spec) throws Exception {
        List<RunResult> results = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            Path dir = directory(driver.name());
            results.add(Experiment.run(driver, spec.apply(dir.resolve(Plan.DATA_FILE)).withSeed(i)));
        }
        return results;
    }

    public List<RunResult> repeat(int times, String driver, Function<Path, RunSpec> spec) throws Exception {
        return repeat(times, driver(driver), spec);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        session = Session.open(Scratch.temporary(), null, options);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        session.close();
    }
}
