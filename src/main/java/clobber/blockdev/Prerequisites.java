package clobber.blockdev;

import clobber.os.SystemCommand;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What a real file system under clobber's own block device needs of the machine, checked before
 * anything is made: root (mount(2), loop devices), the kernel's FUSE device, loop devices, FUSE,
 * tmpfs and the file system itself, util-linux's unshare and setpriv for the private namespace,
 * and the file system's mkfs.
 */
public final class Prerequisites {
    private Prerequisites() {}

    /** Throws the first thing missing for {@code kind}, as one line that says how to get it. */
    public static void check(FsKind kind) throws MissingPrerequisite {
        if (!System.getProperty("os.name").equals("Linux")) {
            throw new MissingPrerequisite("real file systems need Linux (FUSE, loop devices, mount namespaces); this is "
                    + System.getProperty("os.name"));
        }
        if (!root()) {
            throw new MissingPrerequisite("real file systems need root (mount(2), loop devices): run clobber as root");
        }
        if (!Files.exists(Path.of("/dev/fuse"))) {
            throw new MissingPrerequisite("no /dev/fuse: the kernel needs FUSE (CONFIG_FUSE_FS; as root: modprobe fuse)");
        }
        if (!Files.exists(Path.of("/dev/loop-control"))) {
            throw new MissingPrerequisite("no /dev/loop-control: the kernel needs loop devices (CONFIG_BLK_DEV_LOOP; as root: modprobe loop)");
        }
        List<String> filesystems = kernelFileSystems();
        for (String needed : List.of("fuse", "tmpfs", kind.type())) {
            if (!filesystems.contains(needed)) {
                throw new MissingPrerequisite("the kernel has no " + needed + " file system (not in /proc/filesystems; as root: modprobe "
                        + needed + ")");
            }
        }
        for (String tool : List.of("unshare", "setpriv")) {
            if (!SystemCommand.exists(tool)) {
                throw new MissingPrerequisite(tool + " not found: apt-get install util-linux");
            }
        }
        if (!SystemCommand.exists(kind.mkfsTool())) {
            throw new MissingPrerequisite(kind.mkfsTool() + " not found: apt-get install " + kind.debianPackage());
        }
    }

    private static boolean root() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(line -> line.startsWith("Uid:")).anyMatch(line -> line.split("\\s+")[2].equals("0"));
        } catch (IOException e) {
            return false;
        }
    }

    /** The file system types the running kernel has, from /proc/filesystems ("nodev\ttmpfs", "\text4"). */
    private static List<String> kernelFileSystems() {
        try {
            return Files.readAllLines(Path.of("/proc/filesystems")).stream()
                    .map(line -> line.substring(line.lastIndexOf('\t') + 1).strip()).toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
