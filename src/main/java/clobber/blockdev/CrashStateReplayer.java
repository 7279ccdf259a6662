package clobber.blockdev;

import clobber.os.Descriptor;
import clobber.os.LoopDevice;
import clobber.os.Mounts;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Mounts crash states of a recording one after another, each on a fresh image: the base's
 * non-zero blocks (kept in memory) and the state's block writes (copied from a mapping of the
 * log) written into a new sparse file on tmpfs, never a copy of the whole image. Then a loop
 * device (LOOP_CONFIGURE), mount(2), so that the file system's own journal or log recovery runs
 * as after a real power cut, the visitor, umount(2); autoclear detaches the device.
 */
public final class CrashStateReplayer implements AutoCloseable {
    /** One base extent: bytes at a device offset. */
    private record Extent(long offset, MemorySegment bytes) {}

    private final Recording recording;
    private final Path image;
    private final Path mountPoint;
    private final MountOptions options;
    private final Arena arena = Arena.ofShared();
    private final List<Extent> base = new ArrayList<>();
    private final MemorySegment log;
    private final List<LogEntry.Write> writes;

    /** A replayer of {@code recording} that builds and mounts its states in {@code workDir} (a tmpfs: {@link RealFs#workDir}). */
    public CrashStateReplayer(Recording recording, Path workDir) throws IOException {
        this.recording = recording;
        this.image = workDir.resolve("state.img");
        this.mountPoint = workDir.resolve("state");
        Files.createDirectories(mountPoint);
        this.options = recording.spec().options().with(recording.spec().kind().crashStateOptions());
        this.writes = recording.writes();
        try (Descriptor file = Descriptor.openReadOnly(recording.base())) {
            for (long data = file.nextData(0); data >= 0; data = file.nextData(data)) {
                long end = file.nextHole(data);
                MemorySegment bytes = arena.allocate(end - data, 4096);
                file.readFully(bytes, data);
                base.add(new Extent(data, bytes));
                data = end;
                if (data >= recording.imageBytes()) {
                    break;
                }
            }
        }
        try (FileChannel channel = FileChannel.open(recording.logFile(), StandardOpenOption.READ)) {
            this.log = channel.size() == 0 ? MemorySegment.NULL : channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size(), arena);
        }
    }

    /** What one state cost, in nanoseconds: building its image, attaching, mounting (recovery), the visitor, unmounting. */
    public record Timing(long build, long attach, long mount, long visit, long unmount) {
        public long total() {
            return build + attach + mount + visit + unmount;
        }
    }

    /** Builds, mounts and shows {@code state} to {@code visitor}, then takes it down; what it cost. */
    public Timing replay(CrashState state, StateVisitor visitor) throws IOException {
        long start = System.nanoTime();
        Files.deleteIfExists(image);
        Files.createFile(image);
        try (Descriptor file = Descriptor.openReadWrite(image)) {
            file.truncate(recording.imageBytes());
            for (Extent extent : base) {
                file.writeFully(extent.bytes(), extent.offset());
            }
            for (LogEntry.Write write : writes) {
                if (write.number() > state.blockWrites()) {
                    break;
                }
                if (state.holds(write.number())) {
                    file.writeFully(log.asSlice(write.dataAt(), write.length()), write.offset());
                }
            }
            long built = System.nanoTime();
            StateView view;
            long attached;
            try (LoopDevice loop = LoopDevice.attach(file, image, true, false)) {
                attached = System.nanoTime();
                try {
                    Mounts.mount(loop.path().toString(), mountPoint, recording.spec().kind().type(),
                            options.flags() | Mounts.MS_SILENT, options.data());
                    view = new StateView.Mounted(mountPoint);
                } catch (IOException refused) {
                    view = new StateView.Unmountable(refused.getMessage());
                }
            }
            long mounted = System.nanoTime();
            long visited;
            try {
                visitor.visit(state, view);
            } finally {
                visited = System.nanoTime();
                if (view instanceof StateView.Mounted) {
                    RealFs.unmount(mountPoint);
                }
                Files.delete(image); // the loop device, detaching, holds the file until it is done
            }
            long unmounted = System.nanoTime();
            return new Timing(built - start, attached - built, mounted - attached, visited - mounted, unmounted - visited);
        }
    }

    /** Replays every state of {@code plan}, in order; what each cost. */
    public List<Timing> replayAll(CrashStates plan, StateVisitor visitor) throws IOException {
        List<Timing> timings = new ArrayList<>(plan.states().size());
        for (CrashState state : plan.states()) {
            timings.add(replay(state, visitor));
        }
        return timings;
    }

    @Override
    public void close() {
        arena.close();
    }
}
