package clobber.driver;

import clobber.strategy.Condition;

import java.util.List;
import java.util.Set;

/** Runs the writers of a {@link RunSpec} concurrently, in some arrangement of threads and processes. */
public interface Driver {

    /** The name used on the command line, e.g. {@code threads}. */
    String name();

    /** The conditions this driver imposes, which a strategy's claim must cover to be expected safe. */
    Set<Condition> conditions();

    DriverOutcome run(RunSpec spec) throws InterruptedException;

    static List<Driver> all() {
        return List.of(new ThreadDriver());
    }

    static Driver named(String name) {
        return all().stream().filter(d -> d.name().equals(name)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("unknown driver '" + name + "'; known: "
                        + String.join(", ", all().stream().map(Driver::name).toList())));
    }
}
