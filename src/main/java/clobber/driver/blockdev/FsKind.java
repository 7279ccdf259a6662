package clobber.driver.blockdev;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The real file systems clobber can put under a writer, and how each is made. */
public enum FsKind {
    /**
     * 4 KiB blocks (mke2fs would pick 1 KiB for an image this small), no blocks reserved for
     * root (the ENOSPC point is then the same for every writer), and the inode tables and
     * journal zeroed now rather than by a background thread whose writes would land in the log.
     */
    EXT4("ext4", "mkfs.ext4", "e2fsprogs", 64L << 20,
            List.of("-q", "-F", "-b", "" + FsKind.BLOCK, "-m", "0", "-E", "lazy_itable_init=0,lazy_journal_init=0,nodiscard"), ""),
    /**
     * mkfs.xfs refuses file systems under 300 MB unless it believes it runs under xfstests
     * (QA_CHECK_FS, TEST_DIR, TEST_DEV set); 64 MiB then works. A crash state is a copy of the
     * mounted file system, same UUID: {@code nouuid} lets xfs mount it beside the original.
     */
    XFS("xfs", "mkfs.xfs", "xfsprogs", 64L << 20, List.of("-q", "-f", "-K"), "nouuid"),
    /** btrfs needs at least 109 MiB; the image is sparse, so the size costs nothing until written. */
    BTRFS("btrfs", "mkfs.btrfs", "btrfs-progs", 128L << 20, List.of("-q", "-f", "-K"), "");

    /** The block size of every file system clobber makes: ext4's by -b, xfs's and btrfs's by default. */
    public static final int BLOCK = 4096;

    private final String type;
    private final String mkfs;
    private final String debianPackage;
    private final long defaultImageBytes;
    private final List<String> mkfsOptions;
    private final String crashStateOptions;

    FsKind(String type, String mkfs, String debianPackage, long defaultImageBytes, List<String> mkfsOptions,
           String crashStateOptions) {
        this.type = type;
        this.mkfs = mkfs;
        this.debianPackage = debianPackage;
        this.defaultImageBytes = defaultImageBytes;
        this.mkfsOptions = mkfsOptions;
        this.crashStateOptions = crashStateOptions;
    }

    /** The kernel's name of the file system, as mount(2) and /proc/filesystems say it. */
    public String type() {
        return type;
    }

    String mkfsTool() {
        return mkfs;
    }

    String debianPackage() {
        return debianPackage;
    }

    public long defaultImageBytes() {
        return defaultImageBytes;
    }

    /** The command that makes the file system on {@code image}, a regular file (no device needed, no FUSE traffic). */
    List<String> mkfsCommand(Path image) {
        List<String> command = new ArrayList<>();
        if (this == XFS) {
            command.addAll(List.of("env", "QA_CHECK_FS=1", "TEST_DIR=1", "TEST_DEV=1"));
        }
        command.add(mkfs);
        command.addAll(mkfsOptions);
        command.add(image.toString());
        return command;
    }

    /** File system options every crash state is mounted with, beside the user's. */
    String crashStateOptions() {
        return crashStateOptions;
    }

    /** The kind named {@code name} (ext4, xfs, btrfs). */
    public static FsKind named(String name) {
        for (FsKind kind : values()) {
            if (kind.type.equals(name)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown file system '" + name + "': ext4, xfs or btrfs");
    }
}
