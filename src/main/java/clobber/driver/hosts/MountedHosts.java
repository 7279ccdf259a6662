package clobber.driver.hosts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Hosts whose mounts of a shared file system the user already has (NFS, CephFS, EFS, ...): one
 * directory per host, each naming the same directory of the share, and a {@link HostLaunch} that
 * starts a process on each (by default this machine: several mounts here are several clients).
 * clobber itself lays out and judges each run through the first directory, so it must be one this
 * machine mounts; to judge what the server holds rather than what this client cached, it drops
 * the kernel's caches first where it may (root).
 */
final class MountedHosts implements SharedVolume {
    private static final Path DROP_CACHES = Path.of("/proc/sys/vm/drop_caches");

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
        try {
            Files.writeString(DROP_CACHES, "3"); // page cache, dentries and inodes: the next read asks the server
        } catch (IOException | SecurityException notRoot) {
            // then close-to-open consistency is all there is: a new open revalidates on NFS
        }
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
