package clobber.run;

import clobber.check.Evidence;
import clobber.check.Judge;
import clobber.check.RunResult;
import clobber.driver.RunSpec;
import clobber.strategy.Strategies;

import java.io.IOException;

/** One run: its data file prepared, its driver run, what it saw and what it left judged. */
public final class Experiment {
    private Experiment() {}

    /** How a cell of a plan is run and judged: once ({@link #ONCE}), or by exploring its schedules ({@link Exploration#runner}). */
    public interface Runner {
        RunResult run(SessionDriver driver, RunSpec spec) throws IOException, InterruptedException;

        /** Why {@code driver} cannot run {@code spec} this way, or null. */
        default String unfit(SessionDriver driver, RunSpec spec) {
            return driver.driver().unfit(spec);
        }
    }

    /** One run, judged. */
    public static final Runner ONCE = Experiment::run;

    public static RunResult run(SessionDriver driver, RunSpec requested) throws InterruptedException, IOException {
        RunSpec spec = driver.driver().sized(requested);
        spec.workload().prepare(spec.file());
        Evidence evidence = driver.driver().run(spec);
        return Judge.judge(trial(driver, spec), evidence);
    }

    /** What the judge needs to know of {@code spec} run under {@code driver}. */
    static Judge.Trial trial(SessionDriver driver, RunSpec spec) {
        RunSpec.Writers writers = spec.writers();
        RunResult.PlugIn plugIn = Strategies.shipped(spec.strategy()) ? null
                : new RunResult.PlugIn(spec.strategy().getClass().getName(), driver.context().pool().userClasspath());
        RunResult.Subject subject = new RunResult.Subject(spec.strategy().name(),
                spec.strategy().lock().map(lock -> lock.name()).orElse(null), driver.name(), spec.workload().name(),
                writers.external() == null ? null : writers.external().label(), spec.seed(), plugIn);
        return new Judge.Trial(subject, spec.strategy().claim(), driver.conditions(spec), spec.workload(), spec.file(),
                writers.total(), writers.writesPerWriter(), writers.count());
    }
}
