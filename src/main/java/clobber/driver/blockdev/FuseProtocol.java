package clobber.driver.blockdev;

/**
 * The parts of the FUSE kernel protocol the image server speaks, from the kernel's own header,
 * <a href="https://github.com/torvalds/linux/blob/master/include/uapi/linux/fuse.h">include/uapi/linux/fuse.h</a>
 * (protocol 7.x). Every request read from {@code /dev/fuse} starts with a {@code fuse_in_header}
 * of 40 bytes; every reply written back starts with a {@code fuse_out_header} of 16 bytes, the
 * request's {@code unique} and a negated errno (0 for success). All fields are the machine's
 * byte order.
 */
final class FuseProtocol {
    private FuseProtocol() {}

    static final int MAJOR = 7;
    /** The newest protocol minor this server's structures follow (fuse_init_out has its 64-byte form since 7.23). */
    static final int MINOR = 38;

    // fuse_in_header: len u32, opcode u32, unique u64, nodeid u64, uid, gid, pid u32, total_extlen u16, padding u16
    static final int IN_HEADER = 40;
    static final int IN_OPCODE = 4;
    static final int IN_UNIQUE = 8;
    static final int IN_NODEID = 16;
    // fuse_out_header: len u32, error i32, unique u64
    static final int OUT_HEADER = 16;

    // Opcodes (enum fuse_opcode).
    static final int LOOKUP = 1;
    static final int FORGET = 2; // no reply
    static final int GETATTR = 3;
    static final int OPEN = 14;
    static final int READ = 15;
    static final int WRITE = 16;
    static final int STATFS = 17;
    static final int RELEASE = 18;
    static final int FSYNC = 20;
    static final int FLUSH = 25;
    static final int INIT = 26;
    static final int OPENDIR = 27;
    static final int READDIR = 28;
    static final int RELEASEDIR = 29;
    static final int INTERRUPT = 36; // no reply needed: every request is answered at once anyway
    static final int DESTROY = 38;
    static final int BATCH_FORGET = 42; // no reply

    // fuse_init_in / fuse_init_out flags. FUSE_WRITEBACK_CACHE (1 << 16) is deliberately never
    // granted: with it the kernel merges writes in its page cache and sends them later and in
    // another order, so the log would not be the device's order.
    static final int FUSE_BIG_WRITES = 1 << 5;
    static final int FUSE_MAX_PAGES = 1 << 22;
    static final int INIT_OUT = 64;
    static final int MAX_PAGES = 256;
    static final int MAX_WRITE = MAX_PAGES * 4096;
    /** A read of /dev/fuse must have room for the largest request: a WRITE of MAX_WRITE and its headers. */
    static final int BUFFER = MAX_WRITE + 64 * 1024;

    /** fuse_open_out.open_flags: bypass the kernel's page cache for this file, one request per I/O. */
    static final int FOPEN_DIRECT_IO = 1;

    // fuse_write_in: fh u64, offset u64, size u32, write_flags u32, lock_owner u64, flags u32, padding u32
    static final int WRITE_IN = 40;
    // fuse_attr: 88 bytes; fuse_attr_out: attr_valid u64, attr_valid_nsec u32, dummy u32, fuse_attr
    static final int ATTR = 88;
    static final int ATTR_OUT = 16 + ATTR;
    // fuse_entry_out: nodeid, generation, entry_valid, attr_valid u64; entry/attr_valid_nsec u32; fuse_attr
    static final int ENTRY_OUT = 40 + ATTR;
    // fuse_open_out: fh u64, open_flags u32, padding u32
    static final int OPEN_OUT = 16;
    // fuse_write_out: size u32, padding u32
    static final int WRITE_OUT = 8;
    // fuse_kstatfs: blocks, bfree, bavail, files, ffree u64; bsize, namelen, frsize, padding, spare[6] u32
    static final int STATFS_OUT = 80;

    static final long ROOT_ID = 1;
    static final long IMAGE_ID = 2;
    /** The one file the server exposes, the disk image, at the root of its mount. */
    static final String IMAGE_NAME = "image";

    static final int S_IFDIR = 0040000;
    static final int S_IFREG = 0100000;

    // errno values the server answers with.
    static final int ENOENT = 2;
    static final int EINTR = 4;
    static final int EIO = 5;
    static final int EAGAIN = 11;
    static final int ENODEV = 19;
    static final int ENOSYS = 38;
}
