package clobber.os;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A loop device: a block device whose blocks are a file's bytes. Attached with the ioctls
 * themselves (LOOP_CTL_GET_FREE on {@code /dev/loop-control}, then LOOP_CONFIGURE on the device,
 * one call that binds the file and sets the flags), about ten times faster than {@code losetup}.
 *
 * <p>Always with LO_FLAGS_AUTOCLEAR: the kernel detaches the device when its last opener closes
 * it, normally the unmount of the file system on it. A process that dies, SIGKILL included, closes
 * its descriptors, so a loop device clobber attached outlives neither the mount nor clobber.
 * Loop devices are not namespaced: every process of the machine sees them, hence this care.
 * See <a href="https://man7.org/linux/man-pages/man4/loop.4.html">loop(4)</a>.
 */
public final class LoopDevice implements AutoCloseable {
    private static final long LOOP_CONFIGURE = 0x4C0A;
    private static final long LOOP_CTL_GET_FREE = 0x4C82;
    private static final int LO_FLAGS_READ_ONLY = 1;
    private static final int LO_FLAGS_AUTOCLEAR = 4;
    private static final int LO_FLAGS_DIRECT_IO = 16;
    /** struct loop_config: fd, block_size, struct loop_info64 (232 bytes), 8 reserved u64. */
    private static final int CONFIG_SIZE = 4 + 4 + 232 + 64;
    private static final int FLAGS_OFFSET = 8 + 52;
    private static final int FILE_NAME_OFFSET = 8 + 56;
    private static final int FILE_NAME_SIZE = 64;
    private static final int ATTEMPTS = 20;

    private final int number;
    private final Descriptor device;

    private LoopDevice(int number, Descriptor device) {
        this.number = number;
        this.device = device;
    }

    /**
     * Attaches a free loop device to the file open as {@code backing}. {@code directIo}: the
     * device reads and writes the file with O_DIRECT, one file request per block request and no
     * second page cache. Another process may take the free device between the two ioctls
     * (LOOP_CONFIGURE then says EBUSY): then the next free one is tried.
     */
    public static LoopDevice attach(Descriptor backing, Path backingName, boolean directIo, boolean readOnly) throws IOException {
        int flags = LO_FLAGS_AUTOCLEAR | (directIo ? LO_FLAGS_DIRECT_IO : 0) | (readOnly ? LO_FLAGS_READ_ONLY : 0);
        try (Descriptor control = Descriptor.openReadWrite(Path.of("/dev/loop-control"));
             Arena arena = Arena.ofConfined()) {
            MemorySegment config = arena.allocate(CONFIG_SIZE);
            config.set(ValueLayout.JAVA_INT, 0, backing.number());
            config.set(ValueLayout.JAVA_INT, FLAGS_OFFSET, flags);
            byte[] name = backingName.toString().getBytes(StandardCharsets.UTF_8);
            MemorySegment.copy(name, 0, config, ValueLayout.JAVA_BYTE, FILE_NAME_OFFSET, Math.min(name.length, FILE_NAME_SIZE - 1));
            int lastError = 0;
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                int number = control.ioctl("ioctl(LOOP_CTL_GET_FREE)", LOOP_CTL_GET_FREE, MemorySegment.NULL);
                Descriptor device = Descriptor.openReadWrite(Path.of("/dev/loop" + number));
                int result = device.ioctlAttempt("ioctl(LOOP_CONFIGURE)", LOOP_CONFIGURE, config);
                if (result >= 0) {
                    return new LoopDevice(number, device);
                }
                device.close();
                lastError = -result;
                if (lastError != Libc.EBUSY) {
                    break;
                }
            }
            throw Libc.failure("ioctl(LOOP_CONFIGURE)", backingName, lastError);
        }
    }

    public int number() {
        return number;
    }

    /** {@code /dev/loopN}, for mount(2). */
    public Path path() {
        return Path.of("/dev/loop" + number);
    }

    /** Whether the kernel serves this device with direct I/O (it may refuse the flag for a file that cannot do it). */
    public boolean directIo() {
        return "1".equals(sysfs(number, "dio").orElse("0"));
    }

    /**
     * Closes this process's descriptor of the device. With nothing else holding it (no mount),
     * the kernel detaches it now; otherwise when the last holder lets go.
     */
    @Override
    public void close() throws IOException {
        device.close();
    }

    /** The file loop device {@code number} is bound to, if it is bound. */
    public static Optional<Path> backingFile(int number) {
        return sysfs(number, "backing_file").map(Path::of);
    }

    /** Every bound loop device of the machine (any process's) and its backing file, by number. */
    public static Map<Integer, Path> bound() {
        Map<Integer, Path> bound = new TreeMap<>();
        try (Stream<Path> devices = Files.list(Path.of("/sys/block"))) {
            devices.map(p -> p.getFileName().toString()).filter(n -> n.matches("loop\\d+"))
                    .forEach(n -> {
                        int number = Integer.parseInt(n.substring(4));
                        backingFile(number).ifPresent(file -> bound.put(number, file));
                    });
        } catch (IOException e) {
            // no /sys/block: no loop devices to speak of
        }
        return bound;
    }

    private static Optional<String> sysfs(int number, String attribute) {
        try {
            return Optional.of(Files.readString(Path.of("/sys/block/loop" + number + "/loop/" + attribute)).strip());
        } catch (IOException unbound) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return path().toString();
    }
}
