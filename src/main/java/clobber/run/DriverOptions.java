package clobber.run;

import clobber.driver.hosts.HostsDriver;
import clobber.driver.powerloss.PersistenceModel;

import java.util.List;

/**
 * The settings of the drivers that take any, each default stated here once: the mixed driver's
 * JVMs ({@code processes}), the powerloss driver's persistence {@code model} and its bound on the
 * states judged at each crash point ({@code maxStates}), and the hosts driver's hosts.
 */
public record DriverOptions(int processes, PersistenceModel model, int maxStates, HostsDriver.Setup hosts) {
    public static final int DEFAULT_PROCESSES = 4;
    public static final int DEFAULT_MAX_STATES = 64;
    public static final int DEFAULT_HOSTS = 2;

    public static final DriverOptions DEFAULTS = new DriverOptions(DEFAULT_PROCESSES, PersistenceModel.POSIX,
            DEFAULT_MAX_STATES, new HostsDriver.Setup(DEFAULT_HOSTS, null, List.of()));
}
