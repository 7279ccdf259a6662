package clobber.os;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a file's bytes lie on its file system's device: the FS_IOC_FIEMAP ioctl
 * (<a href="https://docs.kernel.org/filesystems/fiemap.html">docs.kernel.org/filesystems/fiemap</a>).
 * On ext4 and xfs the physical offset is a byte offset on the block device; on btrfs it is an
 * address in btrfs's own logical space, which its chunk tree maps to the device, so it is not a
 * device offset there.
 */
public final class FileExtents {
    private static final long FS_IOC_FIEMAP = 0xC020660BL;
    private static final int FIEMAP_FLAG_SYNC = 1;
    private static final int HEADER = 32;
    private static final int EXTENT = 56;
    private static final int MAX_EXTENTS = 256;

    private FileExtents() {}

    /** One extent: {@code length} bytes of the file at {@code logical}, stored at {@code physical}. */
    public record Extent(long logical, long physical, long length) {}

    /** {@code file}'s extents, its dirty data written back first (FIEMAP_FLAG_SYNC) so that every block has its place. */
    public static List<Extent> of(Path file) throws IOException {
        try (Descriptor descriptor = Descriptor.openReadOnly(file); Arena arena = Arena.ofConfined()) {
            MemorySegment map = arena.allocate(HEADER + (long) EXTENT * MAX_EXTENTS);
            map.set(ValueLayout.JAVA_LONG, 0, 0L);
            map.set(ValueLayout.JAVA_LONG, 8, Long.MAX_VALUE);
            map.set(ValueLayout.JAVA_INT, 16, FIEMAP_FLAG_SYNC);
            map.set(ValueLayout.JAVA_INT, 24, MAX_EXTENTS);
            descriptor.ioctl("ioctl(FS_IOC_FIEMAP)", FS_IOC_FIEMAP, map);
            int mapped = map.get(ValueLayout.JAVA_INT, 20);
            List<Extent> extents = new ArrayList<>(mapped);
            for (int i = 0; i < mapped; i++) {
                long at = HEADER + (long) EXTENT * i;
                extents.add(new Extent(map.get(ValueLayout.JAVA_LONG, at), map.get(ValueLayout.JAVA_LONG, at + 8),
                        map.get(ValueLayout.JAVA_LONG, at + 16)));
            }
            return extents;
        }
    }
}
