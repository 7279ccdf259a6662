package clobber.driver.blockdev;

import clobber.os.Descriptor;
import clobber.os.LoopDevice;
import clobber.os.Mounts;
import com.sun.nio.file.ExtendedOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The image server's log against a known pattern of block writes, made with O_DIRECT on the
 * loop device itself (no file system between): every write arrives once, whole, at its offset,
 * with its bytes, in the order issued; each fsync of the device is one flush; a mark stands
 * where it was put; a write the fault plan names (by range; by count: after one write, one; every write)
 * fails with EIO at the writer, is logged as failed and leaves the image as it was.
 */
@org.junit.jupiter.api.parallel.ResourceLock(clobber.SharedResources.REAL_FILE_SYSTEMS)
class BlockLogTest {

    @TempDir
    Path sandbox;

    /** One log entry as the test compares it: kind, offset, length, and the one byte value its data repeats ("mixed" otherwise). */
    record Entry(String kind, long offset, int length, String bytes) {}

    record Result(boolean directIo, List<Entry> log, String refusedWrite, List<String> image) {}

    @Test
    void everyBlockWriteAndFlushArrivesInOrderWithItsBytes() throws Exception {
        Path workDir = Files.createDirectory(sandbox.resolve("work"));
        Result result = InNamespace.run(Inside.class, Result.class, workDir.toString());

        assertTrue(result.directIo(), "the loop device serves the FUSE image with direct I/O");
        assertEquals(List.of(
                new Entry("write", 8192, 4096, "A"),
                new Entry("write", 1 << 20, 65536, "B"),
                new Entry("flush", 0, 0, ""),
                new Entry("mark", 0, 0, "after-B"),
                new Entry("write", 4096, 4096, "C"),
                new Entry("flush", 0, 0, ""),
                new Entry("failed", 2 << 20, 4096, ""),
                new Entry("write", 2 << 20, 4096, "E"),
                new Entry("flush", 0, 0, ""),
                new Entry("write", 3 << 20, 4096, "F"),
                new Entry("failed", (3 << 20) + 4096, 4096, ""),
                new Entry("write", (3 << 20) + 8192, 4096, "H"),
                new Entry("failed", 4 << 20, 4096, "")), result.log());
        assertTrue(result.refusedWrite().contains("Input/output error"), result.refusedWrite());
        // The image: A, B, C, E, F and H where they were written; block 0 as before (z); the refused D, G and I nowhere.
        assertEquals(List.of("0:z", "4096:C", "8192:A", "1048576:B", "2097152:E", "3145728:F", "3149824:0", "3153920:H", "4194304:0"),
                result.image());
        assertEquals(List.of(), InNamespace.leftoversAfter(workDir, 10));
    }

    /** Inside the namespace: a tmpfs at the work directory, an image server, a loop device on its image, the pattern. */
    static final class Inside {
        public static void main(String[] args) throws Exception {
            Path workDir = Path.of(args[0]);
            Mounts.mount("clobber-test", workDir, "tmpfs", 0, "mode=0700");
            Path image = workDir.resolve("image.img");
            try (FileChannel file = FileChannel.open(image, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                file.write(ByteBuffer.wrap(filled('z', 4096)), 0);
                file.truncate(16 << 20);
                file.write(ByteBuffer.wrap(new byte[] {0}), (16 << 20) - 1); // 16 MiB, sparse
            }
            Path fuse = Files.createDirectory(workDir.resolve("fuse"));
            Path recording = Files.createDirectory(workDir.resolve("recording"));
            String refused;
            boolean directIo;
            try (ImageServerProcess server = ImageServerProcess.start(image, fuse, workDir.resolve("server.stderr"))) {
                Path served = server.image();
                int loopNumber;
                Path bound;
                try (Descriptor backing = Descriptor.openReadWrite(served);
                     LoopDevice loop = LoopDevice.attach(backing, served, true, false)) {
                    directIo = loop.directIo();
                    loopNumber = loop.number();
                    bound = LoopDevice.backingFile(loopNumber).orElseThrow();
                    server.startRecording(recording); // after the attach, whose switch to direct I/O fsyncs the image once
                    try (FileChannel device = FileChannel.open(loop.path(), StandardOpenOption.WRITE, ExtendedOpenOption.DIRECT)) {
                        write(device, 'A', 8192, 4096);
                        write(device, 'B', 1 << 20, 65536);
                        device.force(true);
                        server.mark();
                        write(device, 'C', 4096, 4096);
                        device.force(true);
                        server.fail(FaultPlan.writesTo(2 << 20, (2 << 20) + 4096));
                        refused = "accepted";
                        try {
                            write(device, 'D', 2 << 20, 4096);
                        } catch (IOException e) {
                            refused = e.getMessage();
                        }
                        server.heal();
                        write(device, 'E', 2 << 20, 4096);
                        device.force(true);
                        server.fail(new FaultPlan(0, Long.MAX_VALUE, 1, 1, false)); // after one write, fail one
                        write(device, 'F', 3 << 20, 4096);
                        try {
                            write(device, 'G', (3 << 20) + 4096, 4096);
                            refused += "; G accepted";
                        } catch (IOException expected) {
                            // the one write the plan fails
                        }
                        write(device, 'H', (3 << 20) + 8192, 4096);
                        server.fail(FaultPlan.everyWriteAfter(0)); // from now on, every write
                        try {
                            write(device, 'I', 4 << 20, 4096);
                            refused += "; I accepted";
                        } catch (IOException expected) {
                            // refused, as every write now
                        }
                    }
                }
                RealFs.awaitDetached(loopNumber, bound);
                server.stopRecording();
            } // the server ends, and its FUSE mount with its namespace
            List<Entry> log = new ArrayList<>();
            try (FileChannel channel = FileChannel.open(recording.resolve("log")); Arena arena = Arena.ofConfined()) {
                MemorySegment bytes = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size(), arena);
                for (LogEntry entry : BlockLog.read(recording.resolve("log"), List.of("after-B"))) {
                    log.add(switch (entry) {
                        case LogEntry.Write w -> new Entry("write", w.offset(), w.length(),
                                uniform(bytes.asSlice(w.dataAt(), w.length()).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE)));
                        case LogEntry.Flush f -> new Entry("flush", 0, 0, "");
                        case LogEntry.Mark m -> new Entry("mark", 0, 0, m.label());
                        case LogEntry.FailedWrite f -> new Entry("failed", f.offset(), f.length(), "");
                    });
                }
            }
            List<String> content = new ArrayList<>();
            try (FileChannel file = FileChannel.open(image)) {
                for (long offset : new long[] {0, 4096, 8192, 1 << 20, 2 << 20, 3 << 20, (3 << 20) + 4096, (3 << 20) + 8192, 4 << 20}) {
                    ByteBuffer block = ByteBuffer.allocate(4096);
                    file.read(block, offset);
                    content.add(offset + ":" + uniform(block.array()));
                }
            }
            RealFs.unmount(workDir); // the tmpfs and all on it
            InNamespace.print(new Result(directIo, log, refused, content));
        }

        private static void write(FileChannel device, char fill, long offset, int length) throws IOException {
            ByteBuffer buffer = ByteBuffer.allocateDirect(length + 4096).alignedSlice(4096);
            buffer.put(filled(fill, length)).flip();
            while (buffer.hasRemaining()) {
                device.write(buffer, offset + buffer.position());
            }
        }

        private static byte[] filled(char fill, int length) {
            byte[] bytes = new byte[length];
            java.util.Arrays.fill(bytes, (byte) fill);
            return bytes;
        }

        private static String uniform(byte[] bytes) {
            for (byte b : bytes) {
                if (b != bytes[0]) {
                    return "mixed";
                }
            }
            return bytes[0] == 0 ? "0" : String.valueOf((char) bytes[0]);
        }
    }
}
