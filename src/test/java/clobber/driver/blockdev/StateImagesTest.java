package clobber.driver.blockdev;

import clobber.os.Descriptor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A crash state's image is exactly the base with the state's writes applied in log order, though
 * it is built from the base's non-zero blocks and skips writes a later write of the state
 * overwrites; the base of a recording holds only the non-zero blocks. Checked on a seeded
 * random log (writes of 1 to 8 blocks, many at the same offsets, flushes between), every prefix
 * and lost-write set of it, against the writes applied one by one. No mounts: no root needed.
 */
class StateImagesTest {
    private static final int BLOCK = 4096;
    private static final long SEED = 20261201L;
    private static final int IMAGE = 64 * BLOCK;

    @TempDir
    Path dir;

    @Test
    void aStateIsTheBaseWithItsWritesAppliedInOrder() throws IOException {
        System.out.println("seed " + SEED);
        Random random = new Random(SEED);
        Path imagePath = dir.resolve("image.img");
        byte[] initial = new byte[IMAGE];
        for (int block = 0; block < 64; block += 4) { // every fourth block has something; the rest is zeros
            Arrays.fill(initial, block * BLOCK, (block + 1) * BLOCK, (byte) ('a' + block % 26));
        }
        Files.write(imagePath, initial);
        Path recordingDir = Files.createDirectory(dir.resolve("recording"));
        List<byte[]> expectedAfterEachWrite = new ArrayList<>();
        byte[] current = initial.clone();
        expectedAfterEachWrite.add(current.clone());
        try (Descriptor image = Descriptor.openReadWrite(imagePath); Arena arena = Arena.ofConfined()) {
            RecordingDisk disk = new RecordingDisk(image, IMAGE);
            disk.startRecording(recordingDir);
            for (int i = 0; i < 40; i++) {
                int blocks = 1 + random.nextInt(8);
                int at = random.nextInt(8) * 4 * BLOCK; // few offsets: writes overwrite each other
                byte[] bytes = new byte[blocks * BLOCK];
                random.nextBytes(bytes);
                MemorySegment data = arena.allocate(bytes.length);
                MemorySegment.copy(bytes, 0, data, ValueLayout.JAVA_BYTE, 0, bytes.length);
                assertEquals(0, disk.write(at, data));
                System.arraycopy(bytes, 0, current, at, bytes.length);
                expectedAfterEachWrite.add(current.clone());
                if (random.nextInt(4) == 0) {
                    disk.flush();
                }
            }
            disk.stopRecording();
        }
        Path base = recordingDir.resolve("base.img");
        assertEquals(16L * BLOCK, allocatedBytes(base), "the base holds the 16 non-zero blocks and nothing else");

        Recording recording = new Recording(FsSpec.parse("ext4"), IMAGE, base, recordingDir.resolve("log"),
                BlockLog.read(recordingDir.resolve("log"), List.of()));
        List<LogEntry.Write> writes = recording.writes();
        CrashStates plan = CrashStates.of(recording, CrashStates.Bounds.DEFAULT);
        assertTrue(plan.subsetStates() > 0, "the plan has lost-write sets too");
        try (StateImages images = new StateImages(recording)) {
            for (CrashState state : plan.states()) {
                byte[] expected = initial.clone();
                for (LogEntry.Write write : writes) {
                    if (state.holds(write.number())) {
                        int index = write.number();
                        byte[] after = expectedAfterEachWrite.get(index);
                        System.arraycopy(after, (int) write.offset(), expected, (int) write.offset(), write.length());
                    }
                }
                if (state.prefix()) {
                    assertArrayEquals(expectedAfterEachWrite.get(state.blockWrites()), expected, "the test's own bookkeeping");
                }
                Path file = dir.resolve("state-" + state.number() + ".img");
                Files.createFile(file);
                try (Descriptor out = Descriptor.openReadWrite(file)) {
                    images.write(state, out);
                }
                assertArrayEquals(expected, Files.readAllBytes(file), state.describe());
                Files.delete(file);
            }
        }
    }

    private static long allocatedBytes(Path file) throws IOException {
        long total = 0;
        try (Descriptor descriptor = Descriptor.openReadOnly(file)) {
            long size = Files.size(file);
            long data = descriptor.nextData(0);
            while (data >= 0 && data < size) {
                long end = descriptor.nextHole(data);
                total += end - data;
                data = end < size ? descriptor.nextData(end) : -1;
            }
        }
        return total;
    }
}
