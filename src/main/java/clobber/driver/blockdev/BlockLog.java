package clobber.driver.blockdev;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The file a recording's log is kept in, written by the image server and read back here. A
 * sequence of records, each a header of {@link #HEADER} bytes (type u32, reserved u32, offset
 * u64, length u64, machine byte order) and, for a write, its bytes. The bytes stay in the file: a
 * crash state copies them from a mapping of it straight to its image.
 */
final class BlockLog {
    static final int HEADER = 24;
    static final int WRITE = 1;
    static final int FLUSH = 2;
    /** A mark: its number (the index into the recording's labels) is in the offset field. */
    static final int MARK = 3;
    static final int FAILED_WRITE = 4;

    private BlockLog() {}

    /** The entries of the log at {@code file}, marks named from {@code labels} (by mark number). */
    static List<LogEntry> read(Path file, List<String> labels) throws IOException {
        List<LogEntry> entries = new ArrayList<>();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ); Arena arena = Arena.ofConfined()) {
            long size = channel.size();
            if (size == 0) {
                return entries;
            }
            MemorySegment log = channel.map(FileChannel.MapMode.READ_ONLY, 0, size, arena);
            long at = 0;
            int writes = 0;
            while (at < size) {
                if (at + HEADER > size) {
                    throw new IOException(file + ": a log record cut short at byte " + at);
                }
                int type = log.get(ValueLayout.JAVA_INT_UNALIGNED, at);
                long offset = log.get(ValueLayout.JAVA_LONG_UNALIGNED, at + 8);
                long length = log.get(ValueLayout.JAVA_LONG_UNALIGNED, at + 16);
                int position = entries.size();
                entries.add(switch (type) {
                    case WRITE -> new LogEntry.Write(position, ++writes, offset, Math.toIntExact(length), at + HEADER);
                    case FLUSH -> new LogEntry.Flush(position);
                    case MARK -> new LogEntry.Mark(position, labels.get(Math.toIntExact(offset)));
                    case FAILED_WRITE -> new LogEntry.FailedWrite(position, offset, Math.toIntExact(length));
                    default -> throw new IOException(file + ": unknown log record type " + type + " at byte " + at);
                });
                at += HEADER + (type == WRITE ? length : 0);
            }
        }
        return entries;
    }
}
