package clobber.driver.blockdev;

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

    /** What the checks ask of a machine; {@link #THIS} asks this one. */
    interface Machine {
        String os();

        boolean root();

        boolean exists(Path device);

        boolean hasTool(String name);

        /** The file system types the kernel has, as /proc/filesystems lists them. */
        List<String> fileSystems();
    }

    static final Machine THIS = new Machine() {
        @Override
        public String os() {
            return System.getProperty("os.name");
        }

        @Override
        public boolean root() {
            try {
                return Files.readAllLines(Path.of("/proc/self/status")).stream()
                        .filter(line -> line.startsWith("Uid:")).anyMatch(line -> line.split("\\s+")[2].equals("0"));
            } catch (IOException e) {
                return false;
            }
        }

        @Override
        public boolean exists(Path device) {
            return Files.exists(device);
        }

        @Override
        public boolean hasTool(String name) {
            return SystemCommand.exists(name);
        }

        @Override
        public List<String> fileSystems() {
            try {
                // "nodev\ttmpfs", "\text4"
                return Files.readAllLines(Path.of("/proc/filesystems")).stream()
                        .map(line -> line.substring(line.lastIndexOf('\t') + 1).strip()).toList();
            } catch (IOException e) {
                return List.of();
            }
        }
    };

    /** Throws the first thing this machine lacks for {@code kind}, as one line that says how to get it. */
    public static void check(FsKind kind) throws MissingPrerequisite {
        check(kind, THIS);
    }

    static void check(FsKind kind, Machine machine) throws MissingPrerequisite {
        if (!machine.os().equals("Linux")) {
            throw new MissingPrerequisite("real file systems need Linux (FUSE, loop devices, mount namespaces); this is " + machine.os());
        }
        if (!machine.root()) {
            throw new MissingPrerequisite("real file systems need root (mount(2), loop devices): run clobber as root");
        }
        if (!machine.exists(Path.of("/dev/fuse"))) {
            throw new MissingPrerequisite("no /dev/fuse: the kernel needs FUSE (CONFIG_FUSE_FS; as root: modprobe fuse)");
        }
        if (!machine.exists(Path.of("/dev/loop-control"))) {
            throw new MissingPrerequisite("no /dev/loop-control: the kernel needs loop devices (CONFIG_BLK_DEV_LOOP; as root: modprobe loop)");
        }
        List<String> fileSystems = machine.fileSystems();
        for (String needed : List.of("fuse", "tmpfs", kind.type())) {
            if (!fileSystems.contains(needed)) {
                throw new MissingPrerequisite("the kernel has no " + needed + " (not in /proc/filesystems; as root: modprobe " + needed + ")");
            }
        }
        for (String tool : List.of("unshare", "setpriv")) {
            if (!machine.hasTool(tool)) {
                throw new MissingPrerequisite(tool + " not found: apt-get install util-linux");
            }
        }
        if (!machine.hasTool(kind.mkfsTool())) {
            throw new MissingPrerequisite(kind.mkfsTool() + " not found: apt-get install " + kind.debianPackage());
        }
    }
}
