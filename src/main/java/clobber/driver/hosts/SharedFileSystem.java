package clobber.driver.hosts;

import clobber.os.CephCluster;
import clobber.os.FileServer;
import clobber.os.GlusterVolume;
import clobber.os.Named;
import clobber.os.SshServer;
import clobber.os.SystemCommand;
import clobber.strategy.Condition;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * The shared file systems the hosts driver sets up on this machine ({@code --shared-fs}), each
 * with the condition its runs impose: which update patterns survive depends on where the file
 * system keeps its locks and what its clients cache, so a claim names each on its own.
 */
public enum SharedFileSystem {
    GLUSTERFS(Condition.HOSTS_GLUSTERFS, GlusterVolume::new),
    CEPHFS(Condition.HOSTS_CEPHFS, CephCluster::new),
    SSHFS(Condition.HOSTS_SSHFS, SshServer::new);

    private final Condition condition;
    private final Supplier<FileServer> server;

    SharedFileSystem(Condition condition, Supplier<FileServer> server) {
        this.condition = condition;
        this.server = server;
    }

    /** The name {@code --shared-fs} gives it. */
    public String label() {
        return server().label();
    }

    public Condition condition() {
        return condition;
    }

    /** Why it cannot be served to hosts here (a package, FUSE or a tool missing, not root), or null if it can. */
    public String unavailable() {
        String missing = server().unavailable();
        if (missing != null) {
            return missing;
        }
        if (!Files.exists(Path.of("/dev/fuse"))) {
            return "there is no /dev/fuse: the hosts' clients mount through FUSE";
        }
        if (!SystemCommand.exists("ip") || !SystemCommand.exists("nsenter")) {
            return "ip (iproute2) and nsenter (util-linux) are needed for the hosts' namespaces";
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            return "namespaces, mounts and file servers need root";
        }
        return null;
    }

    /** A server of it, not yet started. */
    FileServer server() {
        return server.get();
    }

    /** The one called {@code label}; else an error that lists them. */
    public static SharedFileSystem labelled(String label) {
        return Named.find("shared file system", label, Arrays.asList(values()), SharedFileSystem::label);
    }
}
