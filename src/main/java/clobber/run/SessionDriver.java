package clobber.run;

import clobber.driver.Driver;
import clobber.driver.RunSpec;
import clobber.strategy.Condition;

import java.util.Set;

/** A driver as a session made it, with its catalogue entry: its name, the conditions it imposes, how its writers are stepped. */
public record SessionDriver(DriverCatalog.Entry entry, Driver driver, DriverContext context) {

    public String name() {
        return entry.name();
    }

    /** The conditions a run of {@code spec} under this driver imposes. */
    public Set<Condition> conditions(RunSpec spec) {
        return driver.conditions(entry.conditions(), spec);
    }
}
