package clobber.os;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A GlusterFS volume of one brick, {@code clobber-vol}, served from this machine: glusterd (the
 * management daemon, port 24007) and one brick process, glusterfsd, which stores the files in
 * {@link #BRICK} and listens on a port glusterd hands out (49152 and up). A client mount asks
 * glusterd for the volume's layout, then talks to the brick directly; both listen on every
 * address, so a client in a host's namespace reaches them over its veth at
 * {@link HostNetwork#SERVER}, the address the brick is named by.
 *
 * <p>A client is a FUSE daemon, {@code glusterfs}, one per mount, with caches of its own: two
 * mounts of the volume are two clients, as two machines are, and see each other's changes only
 * through the brick. Its locks (flock and fcntl alike) go to the brick's locks translator, which
 * arbitrates between clients.
 *
 * <p>A mount for a host is made with {@code nsenter --net}, not {@code ip netns exec}: the latter
 * also enters a mount namespace of its own, made for that one command, so the mount would exist
 * only there (held alive by the FUSE daemon, invisible to everyone else). {@code nsenter --net}
 * switches the network alone: the FUSE daemon talks over the host's veth, and the mount is in the
 * machine's mount table, where every process, and each host's writers, see it.
 */
public final class GlusterVolume {
    public static final String NAME = HostNetwork.PREFIX + "vol";
    /** clobber's own directory for the volume: brick, mount points, the pid file of its glusterd. */
    public static final Path ROOT = Path.of("/run/clobber");
    static final Path BRICK = ROOT.resolve("brick");
    static final Path PID_FILE = ROOT.resolve("glusterd.pid");
    static final Path MOUNTS = ROOT.resolve("mnt");

    private GlusterVolume() {}

    /** Why this machine cannot serve the volume (no GlusterFS, no FUSE, not root), or null if it can. */
    public static String unavailable() {
        if (!SystemCommand.exists("glusterd") || !SystemCommand.exists("mount.glusterfs")) {
            return "GlusterFS is not installed (as root: apt-get install glusterfs-server glusterfs-client)";
        }
        if (!Files.exists(Path.of("/dev/fuse"))) {
            return "there is no /dev/fuse: GlusterFS clients mount through FUSE";
        }
        if (!SystemCommand.exists("ip") || !SystemCommand.exists("nsenter")) {
            return "ip (iproute2) and nsenter (util-linux) are needed for the hosts' namespaces";
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            return "namespaces, mounts and glusterd need root";
        }
        return null;
    }

    /** Starts glusterd, then creates and starts the volume on a fresh brick. */
    public static void start() throws IOException {
        Files.createDirectories(BRICK);
        Files.createDirectories(MOUNTS);
        SystemCommand.run(List.of("glusterd", "-p", PID_FILE.toString()));
        // glusterd answers a moment after it forks: the first command waits for it.
        IOException last = null;
        for (int attempt = 0; attempt < 100; attempt++) {
            try {
                // "force": the brick is not a mount of its own (gluster wants one per brick in production).
                gluster("volume", "create", NAME, HostNetwork.SERVER + ":" + BRICK, "force");
                last = null;
                break;
            } catch (IOException e) {
                last = e;
                sleep(100);
            }
        }
        if (last != null) {
            throw last;
        }
        gluster("volume", "start", NAME);
    }

    /** Mounts the volume at {@code mountPoint}, its client in network namespace {@code namespace} (null: the root one). */
    public static void mount(Path mountPoint, String namespace) throws IOException {
        Files.createDirectories(mountPoint);
        List<String> command = new ArrayList<>();
        if (namespace != null) {
            command.addAll(List.of("nsenter", "--net=/run/netns/" + namespace));
        }
        command.addAll(List.of("mount", "-t", "glusterfs", HostNetwork.SERVER + ":/" + NAME, mountPoint.toString()));
        SystemCommand.run(command);
    }

    /** A mount point under clobber's directory. */
    public static Path mountPoint(String name) {
        return MOUNTS.resolve(name);
    }

    /** Unmounts {@code mountPoint}; its client exits with it. Lazily if a process still has a file open there. */
    public static void unmount(Path mountPoint) throws IOException {
        try {
            SystemCommand.run(List.of("umount", mountPoint.toString()));
        } catch (IOException busy) {
            SystemCommand.run(List.of("umount", "-l", mountPoint.toString()));
        }
        Files.deleteIfExists(mountPoint);
    }

    private static void gluster(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("gluster", "--mode=script"));
        command.addAll(List.of(args));
        SystemCommand.run(command);
    }

    private static void sleep(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
