package clobber.os;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Mounting a FUSE client for a host, and unmounting it, whatever its file system.
 *
 * <p>A mount for a host is made with {@code nsenter --net}, not {@code ip netns exec}: the latter
 * also enters a mount namespace of its own, made for that one command, so the mount would exist
 * only there (held alive by the FUSE daemon, invisible to everyone else). {@code nsenter --net}
 * switches the network alone: the FUSE daemon talks over the host's veth, and the mount is in the
 * machine's mount table, where every process, and each host's writers, see it.
 */
public final class HostMounts {
    static final Path MOUNTS = GlusterVolume.ROOT.resolve("mnt");

    private HostMounts() {}

    /** A mount point under clobber's directory. */
    public static Path point(String name) {
        return MOUNTS.resolve(name);
    }

    /** Runs {@code client}, a command that mounts, with its network in {@code namespace} (null: the machine's). */
    static void mount(Path mountPoint, String namespace, List<String> client) throws IOException {
        Files.createDirectories(mountPoint);
        List<String> command = new ArrayList<>();
        if (namespace != null) {
            command.addAll(List.of("nsenter", "--net=/run/netns/" + namespace));
        }
        command.addAll(client);
        SystemCommand.run(command);
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
}
