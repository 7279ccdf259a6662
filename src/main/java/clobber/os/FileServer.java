package clobber.os;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A shared file system served from this machine to the hosts of {@link HostNetwork}: its servers
 * listen on {@link HostNetwork#SERVER}, the bridge's address, and nowhere else, and let in the
 * hosts' addresses (and this machine, which judges). Each mount is a client of its own, with its
 * own caches, as a client on another machine would be.
 *
 * <p>Its servers, mounts and files are all named under {@link GlusterVolume#ROOT} (or by
 * {@code clobber-}), so that {@link Leftovers} removes them by name however the run ended: a
 * file server has no stop of its own.
 */
public interface FileServer {

    /** The file system's name, as {@code --shared-fs} gives it. */
    String label();

    /** Why this machine cannot serve it (a package missing), or null if it can. */
    String unavailable();

    /** Starts the servers, on the bridge, for clients at {@code clients} (the hosts' addresses). */
    void start(List<String> clients) throws IOException;

    /**
     * Mounts the file system's root at {@code mountPoint}, its client's network in namespace
     * {@code namespace} (null: the machine's own), the mount in the machine's mount table.
     */
    void mount(Path mountPoint, String namespace) throws IOException;

    /** What it is, for the run's notes. */
    String description();
}
