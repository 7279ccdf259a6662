package clobber.driver.blockdev;

import clobber.os.Descriptor;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The disk behind the image server: the image file, and while recording, the log of every block
 * write and flush in the order they arrive, with the marks the harness puts in between. One lock
 * orders all of it: a write is applied and logged before its reply goes out, so a writer's fsync
 * that has returned has its writes and flushes in the log before any mark put in after it.
 */
final class RecordingDisk {
    private static final int BLOCK = 4096;
    private static final int CHUNK = 1 << 20;
    private static final MemorySegment ZEROS = Arena.global().allocate(BLOCK);

    private final Descriptor image;
    private final long size;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment header = arena.allocate(BlockLog.HEADER);
    private Descriptor log;
    private int marks;
    private FaultPlan faults;
    private long faultsSeen;

    RecordingDisk(Descriptor image, long size) {
        this.image = image;
        this.size = size;
    }

    long size() {
        return size;
    }

    synchronized void read(long offset, MemorySegment into) throws IOException {
        image.readFully(into, offset);
    }

    /** Applies and logs a write; returns 0, or the errno the device answers ({@link FuseProtocol#EIO} under a fault plan). */
    synchronized int write(long offset, MemorySegment data) throws IOException {
        if (faults != null && faults.covers(offset, data.byteSize()) && faultsSeen++ >= faults.skip()
                && faultsSeen - faults.skip() <= faults.count()) {
            logRecord(BlockLog.FAILED_WRITE, offset, data.byteSize(), null);
            return FuseProtocol.EIO;
        }
        image.writeFully(data, offset);
        logRecord(BlockLog.WRITE, offset, data.byteSize(), data);
        return 0;
    }

    /** A flush: the image is already as durable as the server makes it (tmpfs), so it is only logged. */
    synchronized void flush() throws IOException {
        logRecord(BlockLog.FLUSH, 0, 0, null);
    }

    /**
     * Starts a recording in {@code directory}: {@code base.img}, the image as it is now, and an
     * empty {@code log}. The base is sparse: only the image's blocks that hold something other
     * than zeros are copied, so a 64 MiB file system just made costs the megabyte or so of its
     * metadata, and every crash state built on it costs as little.
     */
    synchronized void startRecording(Path directory) throws IOException {
        stopRecording();
        Path base = directory.resolve("base.img");
        Files.deleteIfExists(base);
        Files.createFile(base);
        try (Descriptor copy = Descriptor.openReadWrite(base); Arena scratch = Arena.ofConfined()) {
            copy.truncate(size);
            MemorySegment chunk = scratch.allocate(CHUNK, BLOCK);
            long data = image.nextData(0);
            while (data >= 0 && data < size) {
                long end = Math.min(size, image.nextHole(data));
                for (long at = data; at < end; at += CHUNK) {
                    MemorySegment piece = chunk.asSlice(0, Math.min(CHUNK, end - at));
                    image.readFully(piece, at);
                    copyNonZeroBlocks(piece, at, copy);
                }
                data = end < size ? image.nextData(end) : -1;
            }
        }
        Path logFile = directory.resolve("log");
        Files.deleteIfExists(logFile);
        Files.createFile(logFile);
        log = Descriptor.openReadWrite(logFile);
        marks = 0;
    }

    private static void copyNonZeroBlocks(MemorySegment piece, long at, Descriptor copy) throws IOException {
        long run = -1;
        for (long block = 0; block < piece.byteSize(); block += BLOCK) {
            long length = Math.min(BLOCK, piece.byteSize() - block);
            boolean zero = MemorySegment.mismatch(piece, block, block + length, ZEROS, 0, length) == -1;
            if (!zero && run < 0) {
                run = block;
            } else if (zero && run >= 0) {
                copy.writeFully(piece.asSlice(run, block - run), at + run);
                run = -1;
            }
        }
        if (run >= 0) {
            copy.writeFully(piece.asSlice(run), at + run);
        }
    }

    /** Puts the next mark in the log; returns its number (0, 1, ...). */
    synchronized int mark() throws IOException {
        if (log == null) {
            throw new IOException("not recording: a mark needs a recording");
        }
        logRecord(BlockLog.MARK, marks, 0, null);
        return marks++;
    }

    /** Ends the recording; returns how many marks it has. */
    synchronized int stopRecording() throws IOException {
        if (log != null) {
            log.close();
            log = null;
        }
        return marks;
    }

    synchronized void fail(FaultPlan plan) {
        faults = plan;
        faultsSeen = 0;
    }

    synchronized void heal() {
        faults = null;
    }

    private void logRecord(int type, long offset, long length, MemorySegment data) throws IOException {
        if (log == null) {
            return;
        }
        header.set(ValueLayout.JAVA_INT, 0, type);
        header.set(ValueLayout.JAVA_INT, 4, 0);
        header.set(ValueLayout.JAVA_LONG, 8, offset);
        header.set(ValueLayout.JAVA_LONG, 16, length);
        log.writeFully(header);
        if (data != null) {
            log.writeFully(data);
        }
    }
}
