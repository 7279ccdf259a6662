package clobber.driver.blockdev;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Each missing prerequisite is one line naming it and how to get it; this machine has them all.
 * The lines are checked against a machine described by hand, one thing missing at a time, since
 * this one has everything.
 */
class PrerequisitesTest {

    /** A machine with everything but {@code missing} (a device path, a tool, a file system type, "root", "linux"). */
    private record Described(Set<String> missing) implements Prerequisites.Machine {
        @Override
        public String os() {
            return missing.contains("linux") ? "Mac OS X" : "Linux";
        }

        @Override
        public boolean root() {
            return !missing.contains("root");
        }

        @Override
        public boolean exists(Path device) {
            return !missing.contains(device.toString());
        }

        @Override
        public boolean hasTool(String name) {
            return !missing.contains(name);
        }

        @Override
        public List<String> fileSystems() {
            return List.of("fuse", "tmpfs", "ext4", "xfs", "btrfs").stream().filter(t -> !missing.contains(t)).toList();
        }
    }

    private static String without(FsKind kind, String missing) {
        return assertThrows(MissingPrerequisite.class, () -> Prerequisites.check(kind, new Described(Set.of(missing)))).getMessage();
    }

    @Test
    void eachMissingThingIsOneLineThatSaysHowToGetIt() {
        assertEquals("real file systems need Linux (FUSE, loop devices, mount namespaces); this is Mac OS X", without(FsKind.EXT4, "linux"));
        assertEquals("real file systems need root (mount(2), loop devices): run clobber as root", without(FsKind.EXT4, "root"));
        assertEquals("no /dev/fuse: the kernel needs FUSE (CONFIG_FUSE_FS; as root: modprobe fuse)", without(FsKind.EXT4, "/dev/fuse"));
        assertEquals("no /dev/loop-control: the kernel needs loop devices (CONFIG_BLK_DEV_LOOP; as root: modprobe loop)",
                without(FsKind.EXT4, "/dev/loop-control"));
        assertEquals("the kernel has no xfs (not in /proc/filesystems; as root: modprobe xfs)", without(FsKind.XFS, "xfs"));
        assertEquals("unshare not found: apt-get install util-linux", without(FsKind.EXT4, "unshare"));
        assertEquals("mkfs.ext4 not found: apt-get install e2fsprogs", without(FsKind.EXT4, "mkfs.ext4"));
        assertEquals("mkfs.xfs not found: apt-get install xfsprogs", without(FsKind.XFS, "mkfs.xfs"));
        assertEquals("mkfs.btrfs not found: apt-get install btrfs-progs", without(FsKind.BTRFS, "mkfs.btrfs"));
        for (String message : List.of(without(FsKind.EXT4, "root"), without(FsKind.BTRFS, "mkfs.btrfs"))) {
            assertEquals(1, message.lines().count(), message);
        }
    }

    @Test
    void thisMachineHasEverythingForEachKind() throws MissingPrerequisite {
        for (FsKind kind : FsKind.values()) {
            Prerequisites.check(kind);
        }
        Prerequisites.check(FsKind.BTRFS, new Described(Set.of("mkfs.ext4"))); // a tool of another kind is not needed
    }
}
