package clobber.driver.hosts;

import java.nio.file.Path;
import java.util.List;

/**
 * Hosts whose mounts of a shared file system the user already has (NFS, CephFS, EFS, ...): one
 * directory per host, each naming the same directory of the share, and a {@link HostLaunch} that
 * starts a process on each (by default this machine: several mounts here are several clients).
 * clobber itself lays out and judges each run through the first directory, so it must be one this
 * machine mounts. It judges what a new open there reads: on NFS, close-to-open consistency makes
 * that what the server holds. It drops no cache: /proc/sys/vm/drop_caches would empty the page
 * cache of the whole machine, everyone's, for the sake of one read.
 */
final class MountedHosts implements SharedVolume {

    private final List<Path> directories;
    private final HostLaunch launch;

    MountedHosts(List<Path> directories, HostLaunch launch) {
        this.directories = List.copyOf(directories);
        this.launch = launch;
    }

    @Override
    public int hosts() {
        return directories.size();
    }

    @Override
    public HostLaunch launch() {
        return launch;
    }

    @Override
    public Path root(int host) {
        return directories.get(host - 1);
    }

    @Override
    public Path local() {
        return directories.getFirst();
    }

    @Override
    public Path fresh() {
        return local();
    }

    @Override
    public String description() {
        return "the mounts " + String.join(", ", directories.stream().map(Path::toString).toList())
                + ", one per host, started by '" + launch.template() + "'";
    }

    @Override
    public void close() {
        // the mounts are the user's
    }
}
