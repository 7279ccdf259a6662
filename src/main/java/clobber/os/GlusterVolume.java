package clobber.os;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A GlusterFS volume of one brick, {@code clobber-vol}, served from this machine: glusterd (the
 * management daemon, port 24007) and one brick process, glusterfsd, which stores the files in
 * {@link #BRICK} and listens on a port glusterd hands out. A client mount asks glusterd for the
 * volume's layout, then talks to the brick directly.
 *
 * <p>Left to its defaults, glusterd and every brick listen on all the machine's addresses, and a
 * volume lets in any client: whoever reaches the machine mounts it. Here glusterd runs with a
 * volfile of its own ({@link #GLUSTERD_VOL}) whose {@code transport.socket.bind-address} is the
 * bridge's address, set before the volume is made: glusterd hands it on to the brick of each
 * volume it creates (a volume made before keeps its brick on every address:
 * <a href="https://github.com/gluster/glusterfs/issues/4428">gluster/glusterfs#4428</a>). And
 * the volume's {@code auth.allow} names the hosts' addresses:
 * the brick refuses any other client ("Cannot authenticate client"), except this machine's own:
 * glusterd gives a client on one of its own addresses the volume's login, which the brick
 * accepts in place of the address.
 *
 * <p>A client is a FUSE daemon, {@code glusterfs}, one per mount, with caches of its own: two
 * mounts of the volume are two clients, as two machines are, and see each other's changes only
 * through the brick. Its locks (flock and fcntl alike) go to the brick's locks translator, which
 * arbitrates between clients.
 */
public final class GlusterVolume implements FileServer {
    public static final String NAME = HostNetwork.PREFIX + "vol";
    /** clobber's own directory for its hosts: servers' state, mount points, the lock of {@code hosts}. */
    public static final Path ROOT = Path.of("/run/clobber");
    static final Path BRICK = ROOT.resolve("brick");
    static final Path PID_FILE = ROOT.resolve("glusterd.pid");
    static final Path GLUSTERD_VOL = ROOT.resolve("glusterd.vol");

    /**
     * What glusterd finds in place of gsyncd, geo-replication's daemon, which clobber never uses.
     * At every start glusterd runs {@code gsyncd --version} and, if it answers, gsyncd 25 times
     * more to write geo-replication's configuration: 26 Python starts, seconds of CPU before
     * glusterd takes any command, more than the rest of the set-up. glusterd runs in a mount
     * namespace of its own, where this script is bound over gsyncd: it names itself, as the
     * version check asks, and does nothing else.
     */
    static final Path GSYNCD_STAND_IN = ROOT.resolve("gsyncd");
    /** Where the packages put gsyncd: {@code /usr/lib/<multiarch>/glusterfs} (Debian), {@code /usr/libexec/glusterfs} (Fedora). */
    private static final Path LIB = Path.of("/usr/lib");
    private static final Path FEDORA_GSYNCD = Path.of("/usr/libexec/glusterfs/gsyncd");

    /** Debian's /etc/glusterfs/glusterd.vol, bound to the bridge. */
    private static final String GLUSTERD_OPTIONS = """
            volume management
                type mgmt/glusterd
                option working-directory /var/lib/glusterd
                option transport-type socket
                option transport.socket.bind-address %s
                option transport.socket.keepalive-time 10
                option transport.socket.keepalive-interval 2
                option transport.socket.read-fail-log off
                option transport.socket.listen-port 24007
                option ping-timeout 0
                option event-threads 1
                option max-port 60999
            end-volume
            """;

    @Override
    public String label() {
        return "glusterfs";
    }

    @Override
    public String unavailable() {
        if (!SystemCommand.exists("glusterd") || !SystemCommand.exists("mount.glusterfs")) {
            return "GlusterFS is not installed (as root: apt-get install glusterfs-server glusterfs-client)";
        }
        return null;
    }

    /** Starts glusterd, then creates the volume on a fresh brick, lets in {@code clients} alone, and starts it. */
    @Override
    public void start(List<String> clients) throws IOException {
        Files.createDirectories(BRICK);
        Files.writeString(GLUSTERD_VOL, GLUSTERD_OPTIONS.formatted(HostNetwork.SERVER));
        SystemCommand.run(withoutGeoReplication(List.of("glusterd", "-p", PID_FILE.toString(), "-f", GLUSTERD_VOL.toString())));
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
        gluster("volume", "set", NAME, "auth.allow", String.join(",", clients));
        gluster("volume", "start", NAME);
    }

    /** {@code glusterd}, in a mount namespace of its own where {@link #GSYNCD_STAND_IN} stands over each gsyncd installed. */
    private static List<String> withoutGeoReplication(List<String> glusterd) throws IOException {
        List<Path> installed = new ArrayList<>();
        try (var multiarch = Files.list(LIB)) {
            multiarch.map(dir -> dir.resolve("glusterfs/gsyncd")).filter(Files::isRegularFile).forEach(installed::add);
        }
        if (Files.isRegularFile(FEDORA_GSYNCD)) {
            installed.add(FEDORA_GSYNCD);
        }
        if (installed.isEmpty()) {
            return glusterd; // glusterd finds no gsyncd and goes on without geo-replication
        }
        Files.writeString(GSYNCD_STAND_IN, "#!/bin/sh\necho 'gsyncd: clobber stand-in'\n");
        Files.setPosixFilePermissions(GSYNCD_STAND_IN, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        StringBuilder script = new StringBuilder();
        for (Path gsyncd : installed) {
            script.append("mount --bind \"$0\" ").append(SystemCommand.shellWord(gsyncd.toString())).append(" && ");
        }
        List<String> command = new ArrayList<>(List.of("unshare", "--mount", "--propagation", "private", "--",
                "sh", "-c", script.append("exec \"$@\"").toString(), GSYNCD_STAND_IN.toString()));
        command.addAll(glusterd);
        return command;
    }

    @Override
    public void mount(Path mountPoint, String namespace) throws IOException {
        HostMounts.mount(mountPoint, namespace, List.of("mount", "-t", "glusterfs", HostNetwork.SERVER + ":/" + NAME, mountPoint.toString()));
    }

    @Override
    public String description() {
        return "GlusterFS volume " + NAME + " on this machine";
    }

    private static void gluster(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("gluster", "--mode=script"));
        command.addAll(List.of(args));
        SystemCommand.run(command);
    }

    static void sleep(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
