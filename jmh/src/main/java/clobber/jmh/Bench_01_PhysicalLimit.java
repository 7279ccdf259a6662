package clobber.jmh;

import clobber.os.NativeFile;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;

@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsPrepend = "--enable-native-access=ALL-UNNAMED")
public class Bench_01_PhysicalLimit {

    /*
     * The first lesson: what the disk allows before any strategy runs. A strategy's updates/s
     * mean little alone; set beside what the same bytes cost with nothing else around them, they
     * say how much of the disk's limit the pattern leaves on the table.
     *
     * Each benchmark stores the same payload, the bytes of a document of `keys` keys, with no
     * JSON and no lock, through the same FFM calls the strategies use (clobber.os.NativeFile):
     *  a) write: open the file, write the bytes over the old ones, close. Page cache only: the
     *     ceiling of the in-place strategies, which never fsync.
     *  b) writeFsync: (a), then fsync before the close: the bytes are on the device.
     *  c) writeRename: write a new file, close, rename it over the data file. No fsync: the
     *     ceiling of an atomic replace that gives up durability.
     *  d) writeFsyncRename: (b) into a new file, then rename it over the data file. Every call
     *     creates an inode and frees the old one, as an atomic replace does.
     *  e) writeFsyncRenameDirFsync: (d), then fsync the directory, which makes the rename durable.
     *     This is the ceiling of lockfile+atomic-replace: the same system calls and nothing else.
     * The ratio of a strategy to its ceiling is in the summary: ./clobber bench writes it.
     */

    @Param({"10", "1000", "100000"})
    public int keys;

    private Path directory;
    private Path data;
    private Path temp;
    private byte[] payload;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        directory = Workspace.directory();
        data = directory.resolve("data.json");
        temp = directory.resolve("data.json.tmp");
        payload = Workspace.populate(data, keys);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        Workspace.delete(directory);
    }

    @Benchmark
    public void write() throws IOException {
        try (NativeFile out = NativeFile.open(data)) {
            out.write(payload, 0, payload.length);
        }
    }

    @Benchmark
    public void writeFsync() throws IOException {
        try (NativeFile out = NativeFile.open(data)) {
            out.write(payload, 0, payload.length);
            out.fsync();
        }
    }

    @Benchmark
    public void writeRename() throws IOException {
        try (NativeFile out = NativeFile.open(temp)) {
            out.write(payload, 0, payload.length);
        }
        Files.move(temp, data, StandardCopyOption.ATOMIC_MOVE);
    }

    @Benchmark
    public void writeFsyncRename() throws IOException {
        try (NativeFile out = NativeFile.open(temp)) {
            out.write(payload, 0, payload.length);
            out.fsync();
        }
        Files.move(temp, data, StandardCopyOption.ATOMIC_MOVE);
    }

    @Benchmark
    public void writeFsyncRenameDirFsync() throws IOException {
        writeFsyncRename();
        NativeFile.fsyncDirectory(directory);
    }

    /*
     * HOW TO RUN THIS BENCHMARK
     *   ./clobber bench Bench_01
     * On this machine (2 cores, ext4 on virtio, shared with other builds; ./clobber bench
     * --rounds 2, medians, 10 keys): write 692,084/s, writeFsync 5,962/s, writeFsyncRename
     * 2,472/s, writeFsyncRenameDirFsync 1,555/s, writeRename 10,155/s. The page cache is two
     * orders of magnitude faster than the device; each fsync waits for the device, and a fresh
     * inode per call (the rename variants) costs a journal commit. At 100,000 keys (2 MB) the
     * bytes themselves start to count: write 2,798/s, writeFsyncRenameDirFsync 482/s.
     */
}
