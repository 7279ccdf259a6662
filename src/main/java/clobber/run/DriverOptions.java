package clobber.run;

import clobber.driver.blockdev.FsSpec;
import clobber.driver.hosts.HostsDriver;
import clobber.driver.hosts.SharedFileSystem;
import clobber.driver.powerloss.PersistenceModel;

import java.util.List;

/**
 * The settings of the drivers that take any, each default stated here once: the mixed driver's
 * JVMs ({@code processes}), the powerloss driver's persistence {@code model} and its bound on the
 * states judged at each crash point or flush ({@code maxStates}), the hosts driver's hosts, and the
 * real file system the runs' directories are put on ({@code fs}, null: the scratch directory's own).
 */
public record DriverOptions(int processes, PersistenceModel model, int maxStates, HostsDriver.Setup hosts, FsSpec fs) {
    public static final int DEFAULT_PROCESSES = 4;
    public static final int DEFAULT_MAX_STATES = 64;
    public static final int DEFAULT_HOSTS = 2;

    public static final DriverOptions DEFAULTS = new DriverOptions(DEFAULT_PROCESSES, PersistenceModel.POSIX,
            DEFAULT_MAX_STATES, new HostsDriver.Setup(DEFAULT_HOSTS, null, List.of(), SharedFileSystem.GLUSTERFS), null);

    public DriverOptions withProcesses(int count) {
        return new DriverOptions(count, model, maxStates, hosts, fs);
    }

    public DriverOptions withModel(PersistenceModel another) {
        return new DriverOptions(processes, another, maxStates, hosts, fs);
    }

    public DriverOptions withFs(FsSpec another) {
        return new DriverOptions(processes, model, maxStates, hosts, another);
    }
}
