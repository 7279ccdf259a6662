package clobber.os;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A CephFS of one node, made from Debian's packages with no cephadm and no containers: one
 * monitor ({@code ceph-mon}, the cluster map and the keys), one object store ({@code ceph-osd},
 * here memstore: objects in the daemon's memory, nothing on disk), one metadata server
 * ({@code ceph-mds}, which holds the directory tree, hands out capabilities to cache and keeps
 * every client's locks). No manager: the file system needs none, and it would triple the
 * memory. Every daemon binds {@code public_addr}, the bridge's address, set per daemon and not
 * in {@code [global]} (there it would bind the clients, in the hosts' namespaces, too); every
 * client and daemon proves itself with a cephx key made for this cluster, in {@link #DIR}.
 *
 * <p>A client is {@code ceph-fuse}, one per mount. Coherence is the MDS's: before a client may
 * cache a name or a file's data it holds a capability for it, which the MDS revokes when another
 * client changes it; flock and fcntl locks are kept by the MDS, for all clients.
 *
 * <p>{@code mds_tick_interval}: the MDS flushes its journal at each tick (5 s by default), and a
 * lock or capability handed from one client to another may wait for that flush; with two
 * writers a client, every hand-over took a tick (0.5 updates/s). {@link #MDS_TICK_SECONDS} makes
 * the wait short (see docs/scale.md).
 */
public final class CephCluster implements FileServer {
    static final Path DIR = GlusterVolume.ROOT.resolve("ceph");
    private static final Path CONF = DIR.resolve("ceph.conf");
    private static final String FILE_SYSTEM = HostNetwork.PREFIX + "fs";
    static final double MDS_TICK_SECONDS = 0.05;

    private static final String CONFIG = """
            [global]
            fsid = %1$s
            mon_host = %2$s
            auth_cluster_required = cephx
            auth_service_required = cephx
            auth_client_required = cephx
            auth_allow_insecure_global_id_reclaim = false
            keyring = %3$s/$name.keyring
            run_dir = %3$s/run
            admin_socket = %3$s/run/$name.asok
            log_file = %3$s/log/$name.log
            osd_pool_default_size = 1
            osd_pool_default_min_size = 1
            mon_allow_pool_size_one = true
            mon_warn_on_pool_no_redundancy = false
            osd_crush_chooseleaf_type = 0
            [mon]
            public_addr = %2$s
            mon_data = %3$s/mon
            pid_file = %3$s/run/$name.pid
            [osd]
            public_addr = %2$s
            cluster_addr = %2$s
            osd_data = %3$s/osd
            osd_objectstore = memstore
            pid_file = %3$s/run/$name.pid
            [mds]
            public_addr = %2$s
            mds_data = %3$s/mds
            mds_tick_interval = %4$s
            pid_file = %3$s/run/$name.pid
            """;

    @Override
    public String label() {
        return "cephfs";
    }

    @Override
    public String unavailable() {
        for (String program : List.of("ceph-mon", "ceph-osd", "ceph-mds", "ceph-fuse", "ceph", "ceph-authtool", "monmaptool")) {
            if (!SystemCommand.exists(program)) {
                return "Ceph is not installed (as root: apt-get install --no-install-recommends ceph-mon ceph-osd ceph-mds ceph-fuse)";
            }
        }
        return null;
    }

    /**
     * Keys, monitor, object store, pools, file system, metadata server, in that order, each
     * daemon forking into the background once it listens; then waits for the MDS to be active.
     * The clients authenticate with their key, not their address: {@code clients} need no rule.
     */
    @Override
    public void start(List<String> clients) throws IOException {
        for (String dir : List.of("mon", "osd", "mds", "run", "log")) {
            Files.createDirectories(DIR.resolve(dir));
        }
        String fsid = UUID.randomUUID().toString();
        Files.writeString(CONF, CONFIG.formatted(fsid, HostNetwork.SERVER, DIR, MDS_TICK_SECONDS));
        // The monitor's keyring holds every key, as the first monitor of a cluster must.
        Path monKeys = key("mon.a", "mon.", "mon", "allow *");
        for (Path other : List.of(
                key("client.admin", "client.admin", "mon", "allow *", "osd", "allow *", "mds", "allow *", "mgr", "allow *"),
                key("osd.0", "osd.0", "mon", "allow profile osd", "osd", "allow *"),
                key("mds.a", "mds.a", "mon", "allow profile mds", "osd", "allow *", "mds", "allow *"))) {
            SystemCommand.run(List.of("ceph-authtool", monKeys.toString(), "--import-keyring", other.toString()));
        }
        Path monmap = DIR.resolve("monmap");
        String address = HostNetwork.SERVER;
        SystemCommand.run(List.of("monmaptool", "--create", "--fsid", fsid,
                "--addv", "a", "[v2:" + address + ":3300,v1:" + address + ":6789]", monmap.toString()));
        daemon("ceph-mon", "a", "--mkfs", "--monmap", monmap.toString(), "--keyring", monKeys.toString());
        daemon("ceph-mon", "a");
        String osd = UUID.randomUUID().toString();
        ceph("osd", "new", osd, "0");
        daemon("ceph-osd", "0", "--mkfs", "--osd-uuid", osd);
        daemon("ceph-osd", "0");
        ceph("osd", "pool", "create", FILE_SYSTEM + "-metadata", "8");
        ceph("osd", "pool", "create", FILE_SYSTEM + "-data", "8");
        ceph("fs", "new", FILE_SYSTEM, FILE_SYSTEM + "-metadata", FILE_SYSTEM + "-data");
        daemon("ceph-mds", "a");
        for (int attempt = 0; !ceph("mds", "stat").contains("up:active"); attempt++) {
            if (attempt == 300) {
                throw new IOException("the Ceph metadata server is not active after 30 s: " + ceph("mds", "stat").strip()
                        + " (its log: " + DIR.resolve("log/mds.a.log") + ")");
            }
            GlusterVolume.sleep(100);
        }
    }

    /**
     * A {@code ceph-fuse} client, its pid file, admin socket and log named by the mount point (two
     * clients of one key would otherwise share them, and the second would not start).
     */
    @Override
    public void mount(Path mountPoint, String namespace) throws IOException {
        String name = mountPoint.getFileName().toString();
        HostMounts.mount(mountPoint, namespace, List.of("ceph-fuse", "-c", CONF.toString(), "-n", "client.admin",
                "--pid-file=" + DIR.resolve("run/" + name + ".pid"), "--admin-socket=" + DIR.resolve("run/" + name + ".asok"),
                "--log-file=" + DIR.resolve("log/" + name + ".log"), mountPoint.toString()));
    }

    @Override
    public String description() {
        return "CephFS " + FILE_SYSTEM + " on this machine (a monitor, a memstore OSD and an MDS, mds_tick_interval "
                + MDS_TICK_SECONDS + " s)";
    }

    /**
     * A keyring with a fresh key for {@code entity} and {@code caps} (pairs: service, capability),
     * where the configuration's {@code keyring} looks for the key of daemon or client {@code name}.
     */
    private static Path key(String name, String entity, String... caps) throws IOException {
        Path keyring = DIR.resolve(name + ".keyring");
        List<String> command = new ArrayList<>(List.of("ceph-authtool", "--create-keyring", keyring.toString(), "--gen-key", "-n", entity));
        for (int i = 0; i < caps.length; i += 2) {
            command.addAll(List.of("--cap", caps[i], caps[i + 1]));
        }
        SystemCommand.run(command);
        return keyring;
    }

    private static void daemon(String program, String id, String... more) throws IOException {
        List<String> command = new ArrayList<>(List.of(program, "-c", CONF.toString(), "-i", id));
        command.addAll(List.of(more));
        SystemCommand.run(command);
    }

    private static String ceph(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("ceph", "-c", CONF.toString(), "--connect-timeout", "30"));
        command.addAll(List.of(args));
        return SystemCommand.run(command);
    }
}
