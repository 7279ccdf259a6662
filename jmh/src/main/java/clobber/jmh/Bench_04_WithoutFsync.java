package clobber.jmh;

import clobber.os.LockPrimitive;
import clobber.os.NativeFile;
import clobber.os.OpenFile;
import clobber.strategy.Documents;
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
public class Bench_04_WithoutFsync {

    /*
     * The fourth lesson: what durability costs. The harness's replace strategies always fsync
     * the temp file and the directory (clobber.strategy.Rewrite.replaceByRename); there is no
     * switch. This benchmark is the lockfile+atomic-replace pattern spelled out without the two
     * fsyncs: lock <file>.lock with flock, read and parse the document, apply the update, write
     * a temp file, rename it over the data file, unlock.
     *  a) Set beside Bench_02's lockfile+atomic-replace it prices the fsyncs: the difference is
     *     what "the new document is on disk before its name is" costs on this device.
     *  b) Its ceiling is Bench_01.writeRename (the same system calls without JSON or lock).
     *  c) Without the fsyncs the pattern still serialises writers and still shows readers only
     *     whole documents, but after a power cut the file may hold the old document, or (on
     *     filesystems without ext4's rename heuristics) an empty one.
     * It is a copy of the pattern, not the strategy: if the harness gains an fsync switch, this
     * benchmark should call the strategy instead.
     */

    @Param({"10", "1000", "100000"})
    public int keys;

    private final LockPrimitive flock = LockPrimitive.named("flock");
    private Path directory;
    private Path data;
    private Path lockFile;
    private Path temp;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        directory = Workspace.directory();
        data = directory.resolve("data.json");
        lockFile = directory.resolve("data.json.lock");
        temp = directory.resolve("data.json.tmp");
        Workspace.populate(data, keys);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        Workspace.delete(directory);
    }

    @Benchmark
    public void lockfileReplaceWithoutFsync() throws IOException {
        try (OpenFile held = flock.lock(lockFile)) {
            byte[] bytes = Documents.bytes(Workspace.INCREMENT.apply(Documents.read(data)));
            try (NativeFile out = NativeFile.open(temp)) {
                out.write(bytes, 0, bytes.length);
            }
            Files.move(temp, data, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    /*
     * HOW TO RUN THIS BENCHMARK
     *   ./clobber bench Bench_01 Bench_02 Bench_04
     * Read its row in reports/bench/summary.md against lockfile+atomic-replace's.
     */
}
