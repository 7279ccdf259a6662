package clobber.driver.blockdev;

import clobber.os.Descriptor;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The bytes of a recording's crash states: each written into a fresh sparse file as the base's
 * non-zero blocks (held in memory) and then the state's block writes, copied from a mapping of
 * the log, in log order. A write that a later write of the same state overwrites whole (same
 * offset, at least as long: a journal superblock, a bitmap, an inode table block written again
 * and again) is skipped, so a state costs the distinct bytes it holds, not every write before it.
 */
final class StateImages implements AutoCloseable {
    /** One base extent: bytes at a device offset. */
    private record Extent(long offset, MemorySegment bytes) {}

    private final long imageBytes;
    private final Arena arena = Arena.ofShared();
    private final List<Extent> base = new ArrayList<>();
    private final MemorySegment log;
    private final List<LogEntry.Write> writes;
    /** For each write (by index), the next write that overwrites it whole, or -1. */
    private final int[] overwrittenBy;

    StateImages(Recording recording) throws IOException {
        this.imageBytes = recording.imageBytes();
        this.writes = recording.writes();
        try (Descriptor file = Descriptor.openReadOnly(recording.base())) {
            long data = file.nextData(0);
            while (data >= 0 && data < imageBytes) {
                long end = file.nextHole(data);
                MemorySegment bytes = arena.allocate(end - data, 4096);
                file.readFully(bytes, data);
                base.add(new Extent(data, bytes));
                data = end < imageBytes ? file.nextData(end) : -1;
            }
        }
        try (FileChannel channel = FileChannel.open(recording.logFile(), StandardOpenOption.READ)) {
            this.log = channel.size() == 0 ? MemorySegment.NULL : channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size(), arena);
        }
        overwrittenBy = new int[writes.size()];
        Arrays.fill(overwrittenBy, -1);
        Map<Long, Integer> lastAt = new HashMap<>();
        for (int i = writes.size() - 1; i >= 0; i--) {
            LogEntry.Write write = writes.get(i);
            Integer later = lastAt.get(write.offset());
            // The nearest later write at this offset, if it is at least as long. A shorter one
            // breaks the chain: a skip is only ever made where it is sure.
            if (later != null && writes.get(later).length() >= write.length()) {
                overwrittenBy[i] = later;
            }
            lastAt.put(write.offset(), i);
        }
    }

    /** Writes {@code state}'s device bytes into {@code file}, which must be empty. */
    void write(CrashState state, Descriptor file) throws IOException {
        file.truncate(imageBytes);
        for (Extent extent : base) {
            file.writeFully(extent.bytes(), extent.offset());
        }
        for (int i = 0; i < writes.size(); i++) {
            LogEntry.Write write = writes.get(i);
            if (write.number() > state.blockWrites()) {
                break;
            }
            if (state.holds(write.number()) && !overwrittenInState(i, state)) {
                file.writeFully(log.asSlice(write.dataAt(), write.length()), write.offset());
            }
        }
    }

    private boolean overwrittenInState(int index, CrashState state) {
        for (int later = overwrittenBy[index]; later >= 0; later = overwrittenBy[later]) {
            int number = writes.get(later).number();
            if (number > state.blockWrites()) {
                return false;
            }
            if (state.holds(number)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        arena.close();
    }
}
