package clobber.driver.blockdev;

import clobber.os.Descriptor;
import clobber.os.ErrnoException;
import clobber.os.FileExtents;
import clobber.os.LoopDevice;
import clobber.os.Mounts;
import clobber.os.SystemCommand;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A real ext4, xfs or btrfs on a block device of clobber's own, mounted for writers to use:
 *
 * <pre>
 *   writers ── files ──▶ ext4/xfs/btrfs at {@link #root()}
 *                          │ block writes and flushes
 *                        loop device (direct I/O, autoclear)
 *                          │ one FUSE request per block request
 *                        image server (a process and a mount namespace of its own) ──▶ image on tmpfs, and the log
 * </pre>
 *
 * Everything lives under one work directory, on a tmpfs mounted there: the image, the FUSE
 * mount that exposes it (in the image server's namespace), the file system's mount point, the
 * recordings. It must be made inside a
 * {@link PrivateNamespace}, so that whatever way clobber ends, the kernel takes it all down.
 *
 * <p>A recording ({@link #startRecording}, {@link #mark}, {@link #stopRecording}) keeps the
 * device as it was at the start and every block write and flush after it, in the device's order;
 * {@link CrashStateReplayer} mounts the states a power cut could leave.
 */
public final class RealFs implements AutoCloseable {
    private static final String BALLAST = ".clobber-ballast";

    private final FsSpec spec;
    private final Path workDir;
    private final long imageBytes;
    private final Deque<Undo> teardown;
    private final ImageServerProcess server;
    private final Path root;
    private final Ext4Journal journal;
    private final List<String> labels = new ArrayList<>();
    private Path recordingDir;
    private int recordings;

    @FunctionalInterface
    private interface Undo {
        void run() throws IOException;
    }

    private RealFs(FsSpec spec, Path workDir, long imageBytes, Deque<Undo> teardown, ImageServerProcess server, Path root,
                   Ext4Journal journal) {
        this.journal = journal;
        this.spec = spec;
        this.workDir = workDir;
        this.imageBytes = imageBytes;
        this.teardown = teardown;
        this.server = server;
        this.root = root;
    }

    /** {@link #create(Path, FsSpec, long)} with the kind's default image size (64 MiB; btrfs 128 MiB). */
    public static RealFs create(Path workDir, FsSpec spec) throws IOException, MissingPrerequisite {
        return create(workDir, spec, spec.kind().defaultImageBytes());
    }

    /**
     * Makes the file system and mounts it. {@code workDir} must be an empty directory, which
     * stays (empty again) after {@link #close}. A missing tool or device is a
     * {@link MissingPrerequisite}; mount options the file system refuses are an IOException
     * that quotes them.
     */
    public static RealFs create(Path workDir, FsSpec spec, long imageBytes) throws IOException, MissingPrerequisite {
        Prerequisites.check(spec.kind());
        if (!PrivateNamespace.inside()) {
            throw new IllegalStateException("real file systems are mounted only inside a private namespace: start the process with PrivateNamespace");
        }
        try (var entries = Files.list(workDir)) {
            if (entries.findAny().isPresent()) {
                throw new IOException(workDir + " is not empty");
            }
        }
        Deque<Undo> teardown = new ArrayDeque<>();
        try {
            Mounts.mount("clobber-realfs", workDir, "tmpfs", Mounts.MS_NOSUID | Mounts.MS_NODEV, "mode=0700");
            teardown.push(() -> unmount(workDir));
            Path image = workDir.resolve("image.img");
            try (Descriptor file = create(image)) {
                file.truncate(imageBytes);
            }
            SystemCommand.run(spec.kind().mkfsCommand(image));
            Ext4Journal journal = spec.kind() == FsKind.EXT4 ? Ext4Journal.of(image) : null;
            Path fuseMount = Files.createDirectory(workDir.resolve("fuse"));
            ImageServerProcess server = ImageServerProcess.start(image, fuseMount, workDir.resolve("server.stderr"));
            teardown.push(server::close); // its FUSE mount is in its own namespace, and goes with it
            Path root = Files.createDirectory(workDir.resolve("fs"));
            Path served = server.image();
            int loopNumber;
            Path bound;
            try (Descriptor backing = Descriptor.openReadWrite(served);
                 LoopDevice loop = LoopDevice.attach(backing, served, true, false)) {
                loopNumber = loop.number();
                bound = LoopDevice.backingFile(loopNumber).orElseThrow();
                mountFileSystem(loop, root, spec);
            } // the mount holds the device now; when it goes, autoclear detaches the device
            teardown.push(() -> awaitDetached(loopNumber, bound));
            teardown.push(() -> unmount(root));
            return new RealFs(spec, workDir, imageBytes, teardown, server, root, journal);
        } catch (IOException | RuntimeException e) {
            runAll(teardown, e);
            throw e;
        }
    }

    private static void mountFileSystem(LoopDevice loop, Path at, FsSpec spec) throws IOException {
        MountOptions options = spec.options();
        try {
            Mounts.mount(loop.path().toString(), at, spec.kind().type(), options.flags(), options.data());
        } catch (IOException e) {
            boolean refused = e instanceof clobber.os.ErrnoException errno && errno.errno() == 22; // EINVAL
            throw new IOException("cannot mount " + spec + ": " + e.getMessage()
                    + (refused ? "; the kernel log (dmesg) names the option it refused" : ""), e);
        }
    }

    private static Descriptor create(Path file) throws IOException {
        Files.createFile(file);
        return Descriptor.openReadWrite(file);
    }

    /** Where the file system is mounted: the writers' files go below it. */
    public Path root() {
        return root;
    }

    public FsSpec spec() {
        return spec;
    }

    public long imageBytes() {
        return imageBytes;
    }

    /** The work directory (a tmpfs): where a {@link CrashStateReplayer} for this file system builds its states. */
    public Path workDir() {
        return workDir;
    }

    /** syncfs(2): every dirty page and journal entry of the file system onto the device, and a flush. */
    public void sync() throws IOException {
        try (Descriptor dir = Descriptor.openReadOnly(root)) {
            dir.syncFileSystem();
        }
    }

    /**
     * Syncs the file system, then starts recording: the device as it is now is the base of
     * every crash state, and every block write and flush from now on is logged.
     */
    public synchronized void startRecording() throws IOException {
        if (recordingDir != null) {
            throw new IllegalStateException("already recording");
        }
        sync();
        Path dir = Files.createDirectory(workDir.resolve("recording-" + ++recordings));
        server.startRecording(dir);
        labels.clear();
        recordingDir = dir;
    }

    /**
     * Puts a mark in the log, after every block write the device has answered: call it when a
     * writer acknowledges an update, and a crash state cut after the mark must hold the update.
     */
    public synchronized void mark(String label) throws IOException {
        if (recordingDir == null) {
            throw new IllegalStateException("not recording");
        }
        int number = server.mark();
        if (number != labels.size()) {
            throw new IllegalStateException("mark " + number + " is not the " + labels.size() + "th");
        }
        labels.add(label);
    }

    /** Ends the recording and reads its log. The recording's files stay on the work directory's tmpfs until {@link #close}. */
    public synchronized Recording stopRecording() throws IOException {
        if (recordingDir == null) {
            throw new IllegalStateException("not recording");
        }
        server.stopRecording();
        Path dir = recordingDir;
        recordingDir = null;
        Path log = dir.resolve("log");
        return new Recording(spec, imageBytes, dir.resolve("base.img"), log, BlockLog.read(log, List.copyOf(labels)));
    }

    /** From now on the device refuses the writes {@code plan} names, with EIO. */
    public void failWrites(FaultPlan plan) throws IOException {
        server.fail(plan);
    }

    /**
     * From now on the device refuses, with EIO, every write outside the journal: data and
     * metadata written in place fail, the journal's commits go through. Only ext4's journal is
     * known here; on the others an {@link IllegalStateException}.
     */
    public void failDataWrites() throws IOException {
        if (journal == null) {
            throw new IllegalStateException("the journal's place is known on ext4 only, not on " + spec.kind().type());
        }
        failWrites(FaultPlan.writesOutside(journal.from(), journal.to()));
    }

    /** The device takes every write again. */
    public void healWrites() throws IOException {
        server.heal();
    }

    /**
     * Where {@code file}'s data lies on the device (FIEMAP, after writing back its dirty pages):
     * the ranges to give {@link FaultPlan#writesTo} to fail that file's data writes alone.
     * ext4 and xfs only: btrfs's FIEMAP gives addresses in its own logical space.
     */
    public List<FileExtents.Extent> deviceExtents(Path file) throws IOException {
        if (spec.kind() == FsKind.BTRFS) {
            throw new UnsupportedOperationException("btrfs's FIEMAP addresses are not device offsets");
        }
        return FileExtents.of(file);
    }

    /**
     * Fills the file system with a ballast file ({@code .clobber-ballast} at the root, allocated
     * with fallocate(2), no data written) until {@code bytes} are left for other files, then
     * syncs; returns the bytes left as statfs(2) counts them: {@code bytes} or a little less (the
     * ballast's own extent tree takes some), or what there was if that was less already.
     */
    public long fillLeaving(long bytes) throws IOException {
        Path ballast = root.resolve(BALLAST);
        if (!Files.exists(ballast)) {
            Files.createFile(ballast);
        }
        try (Descriptor file = Descriptor.openReadWrite(ballast)) {
            long end = Files.size(ballast);
            long ask = Long.MAX_VALUE;
            for (int attempt = 0; attempt < 64; attempt++) {
                sync();
                long more = Math.min(ask, (free() - bytes) / FsKind.BLOCK * FsKind.BLOCK);
                if (more <= 0) {
                    break;
                }
                try {
                    file.allocate(end, more);
                    ask = Long.MAX_VALUE;
                } catch (ErrnoException noRoom) {
                    if (!noRoom.noSpace()) {
                        throw noRoom;
                    }
                    if (more == FsKind.BLOCK) {
                        break; // statfs counts a block that no file can have
                    }
                    // ext4 keeps what it took before the ENOSPC (its extent tree wanted a block
                    // more): ask for half, past this range, where nothing is allocated yet
                    ask = Math.max(FsKind.BLOCK, more / 2 / FsKind.BLOCK * FsKind.BLOCK);
                }
                end += more;
            }
        }
        sync();
        return free();
    }

    /** Deletes the ballast: the space is free again. */
    public void releaseBallast() throws IOException {
        Files.deleteIfExists(root.resolve(BALLAST));
        sync();
    }

    /** Bytes free for a file, as statfs(2) says (f_bavail). */
    public long free() throws IOException {
        return Files.getFileStore(root).getUsableSpace();
    }

    /**
     * Unmounts the file system (its loop device detaches), then ends the image server (its FUSE
     * mount goes with its namespace), then the tmpfs: everything made, in reverse. A file system a writer still
     * holds open is detached lazily rather than waited for.
     */
    @Override
    public void close() throws IOException {
        IOException failure = runAll(teardown, null);
        if (failure != null) {
            throw failure;
        }
    }

    /** Runs every undo step, newest first, each whatever the others did; the first failure. */
    private static IOException runAll(Deque<Undo> steps, Exception cause) {
        IOException first = null;
        while (!steps.isEmpty()) {
            try {
                steps.pop().run();
            } catch (IOException | RuntimeException e) {
                if (cause != null) {
                    cause.addSuppressed(e);
                } else if (first == null) {
                    first = e instanceof IOException io ? io : new IOException(e);
                }
            }
        }
        return first;
    }

    /** Unmounts {@code target}; busy for a moment (a detaching loop device still holding a file), it retries, then detaches lazily. */
    static void unmount(Path target) throws IOException {
        for (int attempt = 0; ; attempt++) {
            try {
                Mounts.unmount(target);
                return;
            } catch (IOException e) {
                if (!Mounts.busy(e)) {
                    throw e;
                }
                if (attempt == 100) {
                    Mounts.detach(target);
                    return;
                }
                pause();
            }
        }
    }

    /** Waits until loop device {@code number} has let go of {@code file} (autoclear runs as its last opener closes it). */
    static void awaitDetached(int number, Path file) {
        for (int attempt = 0; attempt < 500 && LoopDevice.backingFile(number).filter(file::equals).isPresent(); attempt++) {
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
