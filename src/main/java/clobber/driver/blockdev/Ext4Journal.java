package clobber.driver.blockdev;

import clobber.os.SystemCommand;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where ext4 keeps its journal on the device: the blocks of inode 8, as debugfs(8) lists them,
 * times the file system's block size (dumpe2fs(8)). mkfs places the journal once and nothing ever
 * moves it, so a fault plan can spare it: a disk that fails data writes while the journal still
 * takes its commits, as in PostgreSQL's "fsyncgate"
 * (<a href="https://wiki.postgresql.org/wiki/Fsync_Errors">wiki.postgresql.org/wiki/Fsync_Errors</a>).
 */
record Ext4Journal(long from, long to) {
    private static final Pattern EXTENT = Pattern.compile("\\(\\d+(?:-\\d+)?\\):(\\d+)(?:-(\\d+))?");
    private static final Pattern BLOCK_SIZE = Pattern.compile("(?m)^Block size:\\s+(\\d+)");

    /** The journal's bytes on {@code image}, an unmounted ext4 image. */
    static Ext4Journal of(Path image) throws IOException {
        String inode = SystemCommand.run(List.of("debugfs", "-R", "stat <8>", image.toString()));
        Matcher sizes = BLOCK_SIZE.matcher(SystemCommand.run(List.of("dumpe2fs", "-h", image.toString())));
        if (!sizes.find()) {
            throw new IOException("dumpe2fs named no block size for " + image);
        }
        long blockSize = Long.parseLong(sizes.group(1));
        long first = Long.MAX_VALUE;
        long last = -1;
        Matcher extent = EXTENT.matcher(inode.substring(Math.max(0, inode.indexOf("EXTENTS:"))));
        while (extent.find()) {
            long start = Long.parseLong(extent.group(1));
            long end = extent.group(2) == null ? start : Long.parseLong(extent.group(2));
            first = Math.min(first, start);
            last = Math.max(last, end);
        }
        if (last < 0) {
            throw new IOException("debugfs listed no journal blocks for " + image);
        }
        return new Ext4Journal(first * blockSize, (last + 1) * blockSize);
    }
}
