package clobber.driver;

import clobber.os.Named;
import clobber.strategy.Condition;

import java.util.List;
import java.util.Set;

/**
 * Runs the writers of a {@link RunSpec} concurrently, in some arrangement of threads and processes.
 * A driver that sets up something of its own for its runs (hosts, a volume) takes it down on
 * {@link #close}.
 */
public interface Driver extends AutoCloseable {

    /** The name used on the command line, e.g. {@code threads}. */
    String name();

    /** The conditions this driver imposes, which a strategy's claim must cover to be expected safe. */
    Set<Condition> conditions();

    /** The conditions of {@code spec} run by this driver: its own, plus readers or crashes the run adds. */
    default Set<Condition> conditions(RunSpec spec) {
        java.util.EnumSet<Condition> all = java.util.EnumSet.copyOf(conditions());
        if (spec.readers() > 0) {
            all.add(Condition.READERS);
        }
        if (spec.crash() != null) {
            all.add(Condition.CRASH);
        }
        return all;
    }

    /** {@code spec} as this driver runs it: the same, unless the driver runs a size of its own. */
    default RunSpec sized(RunSpec spec) {
        return spec;
    }

    /** Why this driver cannot run {@code spec} (e.g. crashes need processes), or null if it can. */
    default String unfit(RunSpec spec) {
        return null;
    }

    DriverOutcome run(RunSpec spec) throws InterruptedException, java.io.IOException;

    @Override
    default void close() {
        // most drivers hold nothing between runs
    }

    /**
     * Every driver; the process drivers share {@code pool}, mixed spreads writers over
     * {@code processes} JVMs, and powerloss judges its states by {@code model}, at most
     * {@code maxStates} a crash point.
     */
    static List<Driver> all(WorkerPool pool, int processes, PersistenceModel model, int maxStates) {
        return List.of(new ThreadDriver(), ProcessDriver.processes(pool), ProcessDriver.mixed(pool, processes),
                new CrashDriver(pool), new ReadersDriver(), new PowerLossDriver(pool, model, maxStates));
    }

    /**
     * The driver called {@code name}: one of {@link #all}, or {@code hosts}, which is none of the
     * defaults because it sets up a distributed file system (or needs the user's), with {@code hosts}.
     */
    static Driver named(String name, WorkerPool pool, int processes, PersistenceModel model, int maxStates,
                        HostsDriver.Setup hosts) {
        List<Driver> known = new java.util.ArrayList<>(all(pool, processes, model, maxStates));
        known.add(new HostsDriver(pool, hosts));
        return Named.find("driver", name, known, Driver::name);
    }
}
