package clobber.driver;

import clobber.strategy.Condition;
import clobber.strategy.Step;

import java.io.IOException;
import java.util.Set;

/**
 * The writers of {@code threads} or {@code processes}, taking turns as a {@link Scheduler} says,
 * one move at a time: the driver of each schedule the explorer runs. Under {@code processes}
 * each writer is a worker JVM of its own, so a lock owned by a process or by a JVM behaves
 * between them as it does in production. {@code stopAt}, if set, stops the first writer to
 * reach that step there for good, as a process stopped by SIGSTOP or a hung mount would be.
 */
public final class SteppedDriver implements Driver {
    private final Driver base;
    private final Scheduler scheduler;
    private final Step stopAt;

    private SteppedDriver(Driver base, Scheduler scheduler, Step stopAt) {
        this.base = base;
        this.scheduler = scheduler;
        this.stopAt = stopAt;
    }

    /** {@code base}'s writers, stepped; see {@link #unfit(Driver, RunSpec)} for which can be. */
    public static SteppedDriver of(Driver base, Scheduler scheduler, Step stopAt) {
        return new SteppedDriver(base, scheduler, stopAt);
    }

    /** Why {@code base} cannot run {@code spec} stepped, or null if it can. */
    public static String unfit(Driver base, RunSpec spec) {
        boolean steppable = base instanceof ThreadDriver
                || base instanceof ProcessDriver p && p.name().equals("processes");
        if (!steppable) {
            return "the explorer steps the writers of the threads or processes driver, not " + base.name();
        }
        if (spec.readers() > 0 || spec.crash() != null || spec.external() != null) {
            return "the explorer schedules the strategy's own writers: no readers, crashes or external writers";
        }
        return base.unfit(spec);
    }

    @Override
    public String name() {
        return base.name();
    }

    @Override
    public Set<Condition> conditions() {
        return base.conditions();
    }

    @Override
    public Set<Condition> conditions(RunSpec spec) {
        return base.conditions(spec);
    }

    @Override
    public String unfit(RunSpec spec) {
        return unfit(base, spec);
    }

    @Override
    public DriverOutcome run(RunSpec spec) throws InterruptedException, IOException {
        SteppedWriters writers = base instanceof ProcessDriver p
                ? new ProcessWriters(spec, p.poolForOneWriterEach()) : new ThreadWriters(spec);
        return new SteppedRun(spec, writers, scheduler, stopAt).execute();
    }
}
