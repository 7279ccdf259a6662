package clobber.driver.hosts;

import clobber.driver.Unavailable;
import clobber.os.FileServer;
import clobber.os.HostNetwork;
import clobber.os.Leftovers;
import clobber.os.HostMounts;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Hosts on this machine sharing a file system served here: {@code n} network namespaces, each
 * with its own client mount, served over a veth by a {@link FileServer} on the bridge
 * ({@link HostNetwork}). Judging reads through a new mount each time.
 *
 * <p>Nothing outlives it: {@link #close}, and a shutdown hook for Ctrl-C and SIGTERM, sweep
 * everything named clobber-* ({@link Leftovers}); and since SIGKILL runs no hook, the next set-up
 * sweeps first. The sweep holds {@link Leftovers#LOCK} (an fcntl lock, which the kernel drops
 * when its process dies, however it dies): hosts whose lock is free belong to nobody alive, and a
 * second clobber waits for the first instead of sweeping its hosts away.
 */
final class HostsHere implements SharedVolume {
    private final int hosts;
    private final FileServer server;
    private final FileChannel lockFile;
    private final Thread sweepOnExit = new Thread(Leftovers::sweep, "sweep-hosts");
    private Path judge;
    private int judges;

    private HostsHere(int hosts, FileServer server, FileChannel lockFile) {
        this.hosts = hosts;
        this.server = server;
        this.lockFile = lockFile;
    }

    /** Sets up {@code hosts} hosts and a server of {@code fileSystem}, after sweeping what an earlier run left. */
    static HostsHere open(int hosts, SharedFileSystem fileSystem) throws IOException {
        FileServer server = fileSystem.server();
        String missing = fileSystem.unavailable();
        if (missing != null) {
            throw new Unavailable("the hosts driver serves " + server.label() + " here, and " + missing
                    + "; or give mounts of your own with --shared-dirs");
        }
        Files.createDirectories(Leftovers.LOCK.getParent());
        FileChannel channel = FileChannel.open(Leftovers.LOCK, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        channel.lock(); // waits for another clobber's hosts to go
        HostsHere opened = new HostsHere(hosts, server, channel);
        Runtime.getRuntime().addShutdownHook(opened.sweepOnExit);
        try {
            var stuck = Leftovers.sweep();
            if (!stuck.isEmpty()) {
                throw new IOException("cannot clear what an earlier run left: " + String.join("; ", stuck));
            }
            HostNetwork.create(hosts);
            List<String> clients = new ArrayList<>();
            for (int n = 1; n <= hosts; n++) {
                clients.add(HostNetwork.address(n));
            }
            server.start(clients);
            for (int n = 1; n <= hosts; n++) {
                server.mount(opened.root(n), HostNetwork.namespace(n));
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
        return HostMounts.point("h" + host);
    }

    /** Host 1's mount: every mount is in the machine's mount table, clobber's too. */
    @Override
    public Path local() {
        return root(1);
    }

    /** A new client, on the machine itself: it has cached nothing. */
    @Override
    public Path fresh() throws IOException {
        if (judge != null) {
            HostMounts.unmount(judge);
        }
        judge = HostMounts.point("judge-" + ++judges);
        server.mount(judge, null);
        return judge;
    }

    @Override
    public String description() {
        return server.description() + ", one client mount per host (network namespaces "
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
