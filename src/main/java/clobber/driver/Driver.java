package clobber.driver;

import clobber.check.Evidence;
import clobber.strategy.Condition;

import java.io.IOException;
import java.util.EnumSet;
import java.util.Set;

/**
 * Runs the writers of a {@link RunSpec} concurrently, in some arrangement of threads and processes,
 * and says what it saw. Its name and the conditions it imposes are its catalogue entry's
 * ({@code clobber.run.DriverCatalog}); a driver that sets up something of its own for its runs
 * (hosts, a volume) takes it down on {@link #close}.
 */
public interface Driver extends AutoCloseable {

    /**
     * The conditions a run of {@code spec} imposes, given those the driver imposes by its kind
     * ({@code nominal}): those, plus readers or crashes the run adds. A driver whose layout decides
     * (threads in one JVM or not) says so instead.
     */
    default Set<Condition> conditions(Set<Condition> nominal, RunSpec spec) {
        EnumSet<Condition> all = nominal.isEmpty() ? EnumSet.noneOf(Condition.class) : EnumSet.copyOf(nominal);
        if (spec.stress().readers() > 0) {
            all.add(Condition.READERS);
        }
        if (spec.stress().crash() != null) {
            all.add(Condition.CRASH);
        }
        return all;
    }

    /**
     * {@code conditions} for a driver that runs each writer in a process of its own: with
     * PROCESSES where two writers or more share the file, without it where one writes alone.
     */
    static Set<Condition> processesIfShared(Set<Condition> conditions, RunSpec spec) {
        EnumSet<Condition> imposed = conditions.isEmpty() ? EnumSet.noneOf(Condition.class) : EnumSet.copyOf(conditions);
        if (spec.writers().total() > 1) {
            imposed.add(Condition.PROCESSES);
        } else {
            imposed.remove(Condition.PROCESSES);
        }
        return imposed;
    }

    /** {@code spec} as this driver runs it: the same, unless the driver runs a size of its own. */
    default RunSpec sized(RunSpec spec) {
        return spec;
    }

    /** Why this driver cannot run {@code spec} (e.g. crashes need processes), or null if it can. */
    default String unfit(RunSpec spec) {
        return null;
    }

    Evidence run(RunSpec spec) throws InterruptedException, IOException;

    @Override
    default void close() {
        // most drivers hold nothing between runs
    }
}
