package clobber.driver.stepped;

import clobber.check.Evidence;
import clobber.driver.Driver;
import clobber.driver.RunSpec;
import clobber.strategy.Condition;
import clobber.strategy.Step;

import java.io.IOException;
import java.util.Set;

/**
 * The writers of a steppable driver (threads, processes), taking turns as a {@link Scheduler}
 * says, one move at a time: the driver of each schedule the explorer runs. Under processes each
 * writer is a worker JVM of its own, so a lock owned by a process or by a JVM behaves between them
 * as it does in production. {@code stopAt}, if set, stops the first writer to reach that step
 * there for good, as a process stopped by SIGSTOP or a hung mount would be.
 */
public final class SteppedDriver implements Driver {
    private final Driver base;
    private final SteppedWriters.Factory writers;
    private final Scheduler scheduler;
    private final Step stopAt;

    /** {@code base}'s writers, made stepped by {@code writers}. */
    public SteppedDriver(Driver base, SteppedWriters.Factory writers, Scheduler scheduler, Step stopAt) {
        this.base = base;
        this.writers = writers;
        this.scheduler = scheduler;
        this.stopAt = stopAt;
    }

    /** Why {@code base}'s writers cannot run {@code spec} stepped, or null if they can. */
    public static String unfit(Driver base, RunSpec spec) {
        if (spec.stress().readers() > 0 || spec.stress().crash() != null || spec.writers().external() != null) {
            return "the explorer schedules the strategy's own writers: no readers, crashes or external writers";
        }
        return base.unfit(spec);
    }

    @Override
    public Set<Condition> conditions(Set<Condition> nominal, RunSpec spec) {
        return base.conditions(nominal, spec);
    }

    @Override
    public String unfit(RunSpec spec) {
        return unfit(base, spec);
    }

    @Override
    public Evidence run(RunSpec spec) throws InterruptedException, IOException {
        return new SteppedRun(spec, writers.make(spec), scheduler, stopAt).execute();
    }
}
