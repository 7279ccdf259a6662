package clobber.jmh;

import clobber.driver.blockdev.CrashState;
import clobber.driver.blockdev.CrashStateReplayer;
import clobber.driver.blockdev.CrashStates;
import clobber.driver.blockdev.FsSpec;
import clobber.driver.blockdev.MissingPrerequisite;
import clobber.driver.blockdev.PrivateNamespace;
import clobber.driver.blockdev.RealFs;
import clobber.driver.blockdev.Recording;
import clobber.driver.blockdev.StateView;
import clobber.os.NativeFile;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What one crash state of a real file system costs: build its image (the sparse base's blocks
 * and the log's writes into a new tmpfs file), attach a loop device (LOOP_CONFIGURE), mount it
 * (the journal or log recovery runs), read data.json, unmount. The recording is three durable
 * replaces of data.json (temp file, fsync, rename, directory fsync), each marked; the states are
 * its prefixes and lost-write sets, replayed round after round. SampleTime gives the median (p0.50);
 * states/s is 1000 / the mean in ms. The teardown prints each step's median.
 *
 * <p>Mounting needs a private namespace: {@code java -cp jmh/target/benchmarks.jar
 * clobber.jmh.Bench_06_CrashStates [JMH options]} starts JMH inside one; JMH's forks inherit it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsPrepend = "--enable-native-access=ALL-UNNAMED")
public class Bench_06_CrashStates {

    @Param({"ext4", "xfs", "btrfs"})
    public String fs;

    private Path workDir;
    private RealFs realFs;
    private CrashStates plan;
    private CrashStateReplayer replayer;
    private final List<CrashStateReplayer.Timing> timings = new ArrayList<>();
    private int next;
    private int unmountable;

    /** Starts JMH on this benchmark inside a private namespace (again, if this process is not in one). */
    public static void main(String[] args) throws Exception {
        if (!PrivateNamespace.inside()) {
            System.exit(PrivateNamespace.relaunch(List.of(), Bench_06_CrashStates.class.getName(), List.of(args)));
        }
        List<String> jmh = new ArrayList<>(List.of(args));
        jmh.add(Bench_06_CrashStates.class.getSimpleName());
        org.openjdk.jmh.Main.main(jmh.toArray(String[]::new));
    }

    @Setup(Level.Trial)
    public void setUp() throws IOException, MissingPrerequisite {
        workDir = Files.createTempDirectory("clobber-bench-");
        realFs = RealFs.create(workDir, FsSpec.parse(fs));
        Path data = realFs.root().resolve("data.json");
        replace(data, "{\"v\":1}");
        realFs.startRecording();
        for (int v = 2; v <= 4; v++) {
            replace(data, "{\"v\":" + v + "}");
            realFs.mark("v" + v);
        }
        Recording recording = realFs.stopRecording();
        plan = CrashStates.of(recording, CrashStates.Bounds.DEFAULT);
        replayer = new CrashStateReplayer(recording, realFs.workDir());
        System.out.println(fs + ": " + recording.writes().size() + " block writes, " + plan.states().size() + " states ("
                + plan.prefixStates() + " prefixes)" + (plan.bounded() ? "; " + plan.bound() : ""));
    }

    @Benchmark
    public int state() throws IOException {
        CrashState state = plan.states().get(next++ % plan.states().size());
        int[] read = new int[1];
        timings.add(replayer.replay(state, (s, view) -> {
            if (view instanceof StateView.Mounted mounted) {
                read[0] = Files.readAllBytes(mounted.root().resolve("data.json")).length;
            } else {
                unmountable++;
            }
        }));
        return read[0];
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        replayer.close();
        realFs.close();
        Files.delete(workDir);
        System.out.printf("%s: %d states, %d unmountable; median ms: build %.2f, attach %.2f, mount %.2f, read %.2f, unmount %.2f, total %.2f%n",
                fs, timings.size(), unmountable, median(CrashStateReplayer.Timing::build), median(CrashStateReplayer.Timing::attach),
                median(CrashStateReplayer.Timing::mount), median(CrashStateReplayer.Timing::visit),
                median(CrashStateReplayer.Timing::unmount), median(CrashStateReplayer.Timing::total));
    }

    private double median(java.util.function.ToLongFunction<CrashStateReplayer.Timing> step) {
        long[] nanos = timings.stream().mapToLong(step).toArray();
        Arrays.sort(nanos);
        return nanos.length == 0 ? 0 : nanos[nanos.length / 2] / 1e6;
    }

    /** The durable replace: temp file, fsync, rename over, directory fsync. */
    private static void replace(Path file, String content) throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try (NativeFile out = NativeFile.open(temp)) {
            byte[] bytes = content.getBytes();
            out.truncate(0);
            out.write(bytes, 0, bytes.length);
            out.fsync();
        }
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
        NativeFile.fsyncDirectory(file.getParent());
    }
}
