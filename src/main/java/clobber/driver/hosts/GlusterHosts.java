package clobber.driver.hosts;

import clobber.driver.Unavailable;
import clobber.os.GlusterVolume;
import clobber.os.HostNetwork;
import clobber.os.Leftovers;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Hosts on this machine sharing a GlusterFS volume: {@code n} network namespaces, each with its own
 * client mount of {@code clobber-vol}, served over a veth from the root namespace
 * ({@link HostNetwork}, {@link GlusterVolume}). Judging reads through a new mount each time.
 *
 * <p>Nothing outlives it: {@link #close}, and a shutdown hook for Ctrl-C and SIGTERM, sweep
 * everything named clobber-* ({@link Leftovers}); and since SIGKILL runs no hook, the next set-up
 * sweeps first. The sweep holds {@code /run/clobber/hosts.lock} (an fcntl lock, which the kernel
 * drops when its process dies, however it dies): a volume whose lock is free belongs to nobody
 * alive, and a second clobber waits for the first instead of sweeping its volume away.
 */
final class GlusterHosts implements SharedVolume {
    private static final Path LOCK = GlusterVolume.ROOT.resolve("hosts.lock");

    private final int hosts;
    private final FileChannel lockFile;
    private final Thread sweepOnExit = new Thread(Leftovers::sweep, "sweep-hosts");
    private Path judge;
    private int judges;

    private GlusterHosts(int hosts, FileChannel lockFile) {
        this.hosts = hosts;
        this.lockFile = lockFile;
    }

    /** Sets up {@code hosts} hosts and the volume, after sweeping what an earlier run left. */
    static GlusterHosts open(int hosts) throws IOException {
        String missing = GlusterVolume.unavailable();
        if (missing != null) {
            throw new Unavailable("the hosts driver runs a GlusterFS volume here, and " + missing
                    + "; or give mounts of your own with --shared-dirs");
        }
        Files.createDirectories(GlusterVolume.ROOT);
        FileChannel channel = FileChannel.open(LOCK, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        channel.lock(); // waits for another clobber's hosts to go
        GlusterHosts opened = new GlusterHosts(hosts, channel);
        Runtime.getRuntime().addShutdownHook(opened.sweepOnExit);
        try {
            var stuck = Leftovers.sweep();
            if (!stuck.isEmpty()) {
                throw new IOException("cannot clear what an earlier run left: " + String.join("; ", stuck));
            }
            HostNetwork.create(hosts);
            GlusterVolume.start();
            for (int n = 1; n <= hosts; n++) {
                GlusterVolume.mount(opened.root(n), HostNetwork.namespace(n));
            }
            return opened;
        } catch (IOException | RuntimeException e) {
            opened.close();
            throw e;
        }
    }

    @Override
    public int hosts() {
        return hosts;
    }

    @Override
    public HostLaunch launch() {
        return HostLaunch.NAMESPACES;
    }

    @Override
    public Path root(int host) {
        return GlusterVolume.mountPoint("h" + host);
    }

    /** Host 1's mount: every mount is in the machine's mount table, clobber's too. */
    @Override
    public Path local() {
        return root(1);
    }

    @Override
    public Path fresh() throws IOException {
        if (judge != null) {
            GlusterVolume.unmount(judge);
        }
        judge = GlusterVolume.mountPoint("judge-" + ++judges);
        GlusterVolume.mount(judge, null);
        return judge;
    }

    @Override
    public String description() {
        return "GlusterFS volume " + GlusterVolume.NAME + " on this machine, one client mount per host (network namespaces "
                + HostNetwork.namespace(1) + ".." + HostNetwork.namespace(hosts) + ")";
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(sweepOnExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run: it sweeps
        }
        Leftovers.sweep();
        try {
            lockFile.close(); // releases the lock
        } catch (IOException ignored) {
            // the process's exit releases it too
        }
    }
}
