package clobber.driver.blockdev;

import clobber.os.Descriptor;
import clobber.os.LoopDevice;
import clobber.os.Mounts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Mounts crash states of a recording one after another, each on a fresh image: the base's
 * non-zero blocks and the state's block writes written into a new sparse file on tmpfs
 * ({@link StateImages}), never a copy of the whole image. Then a loop
 * device (LOOP_CONFIGURE), mount(2), so that the file system's own journal or log recovery runs
 * as after a real power cut, the visitor, umount(2); autoclear detaches the device.
 */
public final class CrashStateReplayer implements AutoCloseable {
    private final Recording recording;
    private final Path directory;
    private final Path image;
    private final Path mountPoint;
    private final MountOptions options;
    private final StateImages images;

    /**
     * A replayer of {@code recording} that builds and mounts its states in a directory of its own
     * in {@code workDir} (a tmpfs: {@link RealFs#workDir}), so that several can work at once.
     */
    public CrashStateReplayer(Recording recording, Path workDir) throws IOException {
        this.recording = recording;
        this.directory = Files.createTempDirectory(workDir, "states-");
        this.image = directory.resolve("state.img");
        this.mountPoint = Files.createDirectory(directory.resolve("mnt"));
        this.options = recording.spec().options().with(recording.spec().kind().crashStateOptions());
        this.images = new StateImages(recording);
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
            images.write(state, file);
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
    public void close() throws IOException {
        images.close();
        Files.deleteIfExists(mountPoint);
        Files.deleteIfExists(directory);
    }
}
