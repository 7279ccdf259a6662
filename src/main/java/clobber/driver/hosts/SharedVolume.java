package clobber.driver.hosts;

import java.io.IOException;
import java.nio.file.Path;

/**
 * One file system that several hosts share, each through a client of its own, and the way to
 * start a process on each host. Hosts are numbered from 1.
 */
interface SharedVolume extends AutoCloseable {

    int hosts();

    /** How a process is started on a host. */
    HostLaunch launch();

    /** The volume's root as host {@code host} names it: its own mount. */
    Path root(int host);

    /** The volume's root as clobber names it, on the machine it runs on, to lay out a run's files. */
    Path local();

    /**
     * The volume's root through a client with nothing cached, for judging: what the volume holds,
     * not what some client remembers of it. Valid until the next call.
     */
    Path fresh() throws IOException;

    /** What the volume is, for the run's notes. */
    String description();

    @Override
    void close();
}
