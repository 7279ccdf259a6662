package clobber.driver.blockdev;

import clobber.os.Descriptor;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;

import static clobber.driver.blockdev.FuseProtocol.*;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * A FUSE file system of one regular file, {@code image}, whose bytes are a {@link RecordingDisk}.
 * It speaks the kernel protocol over {@code /dev/fuse} itself (no libfuse), one request at a
 * time on one thread, so the disk sees requests in exactly the order the kernel queued them.
 * The file is opened with FOPEN_DIRECT_IO, so the kernel keeps no page cache of it: every read
 * and write of the loop device above arrives here as it was issued.
 */
final class FuseServer {
    private static final long VALID_SECONDS = 24 * 3600;

    private final Descriptor fuse;
    private final RecordingDisk disk;

    FuseServer(Descriptor fuse, RecordingDisk disk) {
        this.fuse = fuse;
        this.disk = disk;
    }

    /** Serves until the file system is unmounted (the device then says ENODEV). */
    void serve() throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment request = arena.allocate(BUFFER, 4096);
            MemorySegment reply = arena.allocate(BUFFER, 4096);
            while (true) {
                long n = fuse.readOnce(request);
                if (n == -ENODEV) {
                    return;
                }
                if (n == -EINTR || n == -ENOENT || n == -EAGAIN) {
                    continue; // interrupted, or a request the kernel withdrew before we read it
                }
                if (n < 0) {
                    throw new IOException("read(/dev/fuse): errno " + -n);
                }
                handle(request.asSlice(0, n), reply);
            }
        }
    }

    private void handle(MemorySegment request, MemorySegment reply) throws IOException {
        int opcode = request.get(JAVA_INT, IN_OPCODE);
        long unique = request.get(JAVA_LONG, IN_UNIQUE);
        long node = request.get(JAVA_LONG, IN_NODEID);
        MemorySegment in = request.asSlice(IN_HEADER);
        MemorySegment out = reply.asSlice(OUT_HEADER);
        int error = 0;
        long length = 0;
        switch (opcode) {
            case FORGET, BATCH_FORGET, INTERRUPT -> {
                return; // these take no reply
            }
            case INIT -> length = init(in, out);
            case LOOKUP -> {
                if (node == ROOT_ID && IMAGE_NAME.equals(in.getString(0, StandardCharsets.UTF_8))) {
                    out.asSlice(0, ENTRY_OUT).fill((byte) 0);
                    out.set(JAVA_LONG, 0, IMAGE_ID);
                    out.set(JAVA_LONG, 8, 1); // generation
                    out.set(JAVA_LONG, 16, VALID_SECONDS);
                    out.set(JAVA_LONG, 24, VALID_SECONDS);
                    attributes(IMAGE_ID, out.asSlice(40));
                    length = ENTRY_OUT;
                } else {
                    error = ENOENT;
                }
            }
            case GETATTR -> {
                if (node == ROOT_ID || node == IMAGE_ID) {
                    out.asSlice(0, ATTR_OUT).fill((byte) 0);
                    out.set(JAVA_LONG, 0, VALID_SECONDS);
                    attributes(node, out.asSlice(16));
                    length = ATTR_OUT;
                } else {
                    error = ENOENT;
                }
            }
            case OPEN, OPENDIR -> {
                out.asSlice(0, OPEN_OUT).fill((byte) 0);
                out.set(JAVA_LONG, 0, 1); // file handle: one file, one handle
                out.set(JAVA_INT, 8, opcode == OPEN ? FOPEN_DIRECT_IO : 0);
                length = OPEN_OUT;
            }
            case READ -> {
                long offset = in.get(JAVA_LONG, 8);
                int size = in.get(JAVA_INT, 16);
                length = Math.max(0, Math.min(size, disk.size() - offset));
                disk.read(offset, out.asSlice(0, length));
            }
            case WRITE -> {
                long offset = in.get(JAVA_LONG, 8);
                int size = in.get(JAVA_INT, 16);
                if (offset + size > disk.size()) {
                    error = EIO; // a file of fixed size: a block device has no room past its end
                } else {
                    error = disk.write(offset, in.asSlice(WRITE_IN, size));
                }
                if (error == 0) {
                    out.set(JAVA_INT, 0, size);
                    out.set(JAVA_INT, 4, 0);
                    length = WRITE_OUT;
                }
            }
            case FSYNC -> disk.flush();
            case STATFS -> {
                out.asSlice(0, STATFS_OUT).fill((byte) 0);
                out.set(JAVA_INT, 40, 4096); // bsize
                out.set(JAVA_INT, 44, 255); // namelen
                out.set(JAVA_INT, 48, 4096); // frsize
                length = STATFS_OUT;
            }
            case READDIR -> length = 0; // an empty listing: the file is found by name
            case RELEASE, RELEASEDIR, FLUSH, DESTROY -> length = 0; // FLUSH is close(2), not a device flush
            default -> error = ENOSYS; // the kernel then stops asking, or fails the one call
        }
        if (error != 0) {
            length = 0;
        }
        reply.set(JAVA_INT, 0, (int) (OUT_HEADER + length));
        reply.set(JAVA_INT, 4, -error);
        reply.set(JAVA_LONG, 8, unique);
        // ENOENT: the request was interrupted and withdrawn meanwhile; nothing waits for this reply.
        long written = fuse.writeOnce(reply.asSlice(0, OUT_HEADER + length));
        if (written < 0 && written != -ENOENT && written != -ENODEV) {
            throw new IOException("write(/dev/fuse): errno " + -written);
        }
    }

    /**
     * Answers FUSE_INIT: protocol 7.{@link FuseProtocol#MINOR} at most, writes of up to a megabyte
     * in one request, and none of the kernel's offered caching (no FUSE_WRITEBACK_CACHE, no
     * FUSE_ASYNC_READ, no FUSE_ASYNC_DIO), so requests come one at a time as issued.
     */
    private static long init(MemorySegment in, MemorySegment out) {
        int minor = in.get(JAVA_INT, 4);
        int maxReadahead = in.get(JAVA_INT, 8);
        int offered = in.get(JAVA_INT, 12);
        out.asSlice(0, INIT_OUT).fill((byte) 0);
        out.set(JAVA_INT, 0, MAJOR);
        out.set(JAVA_INT, 4, Math.min(minor, MINOR));
        out.set(JAVA_INT, 8, maxReadahead);
        out.set(JAVA_INT, 12, offered & (FUSE_BIG_WRITES | FUSE_MAX_PAGES));
        out.set(JAVA_SHORT, 16, (short) 1); // max_background
        out.set(JAVA_SHORT, 18, (short) 1); // congestion_threshold
        out.set(JAVA_INT, 20, MAX_WRITE);
        out.set(JAVA_INT, 24, 1); // time_gran: nanoseconds
        out.set(JAVA_SHORT, 28, (short) MAX_PAGES);
        return INIT_OUT;
    }

    /** fuse_attr of the root directory or of the image. */
    private void attributes(long node, MemorySegment attr) {
        attr.asSlice(0, ATTR).fill((byte) 0);
        boolean image = node == IMAGE_ID;
        attr.set(JAVA_LONG, 0, node);
        attr.set(JAVA_LONG, 8, image ? disk.size() : 0);
        attr.set(JAVA_LONG, 16, image ? (disk.size() + 511) / 512 : 0);
        attr.set(JAVA_INT, 60, image ? S_IFREG | 0600 : S_IFDIR | 0700);
        attr.set(JAVA_INT, 64, image ? 1 : 2);
        attr.set(JAVA_INT, 80, 4096);
    }
}
