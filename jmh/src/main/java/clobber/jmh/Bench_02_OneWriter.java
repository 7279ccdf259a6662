package clobber.jmh;

import clobber.strategy.Strategies;
import clobber.strategy.StepHook;
import clobber.strategy.WriteStrategy;
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
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsPrepend = "--enable-native-access=ALL-UNNAMED")
public class Bench_02_OneWriter {

    /*
     * The second lesson: one writer, every strategy, updates per second. With nobody to race,
     * each strategy's cost is its own system calls plus the JSON work, and its ratio to the
     * physical limit of Bench_01 (same payload, same run) says what the pattern's overhead is:
     *  a) no-lock and flock+seek/truncate rewrite the file in place and never fsync: their
     *     ceiling is Bench_01.write. Fast, and neither survives a crash.
     *  b) flock-data-file+replace and lockfile+atomic-replace write a temp file, fsync it, rename
     *     it and fsync the directory: their ceiling is Bench_01.writeFsyncRenameDirFsync. On top
     *     of it they read and parse the document, serialise the new one, take a lock (a flock on
     *     the data file, or an open and a flock of <file>.lock) and create the temp file under a
     *     random name. With two fsyncs per update, those extras should be small: the bar
     *     is 80% of the ceiling for lockfile+atomic-replace.
     *  c) The document size (`keys`) shows where the JSON work starts to matter: parsing and
     *     writing 1,000 keys costs about 80 µs here, a sixth of a durable write; 100,000 keys
     *     (about 2 MB) about 90 ms, forty times one (Bench_05).
     * The strategies always fsync where they fsync: the harness has no switch to turn it off.
     * Bench_04 shows what the fsyncs cost.
     */

    @Param({"no-lock", "flock-data-file+replace", "flock+seek/truncate", "lockfile+atomic-replace"})
    public String strategy;

    @Param({"10", "1000", "100000"})
    public int keys;

    private WriteStrategy writer;
    private Path directory;
    private Path data;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        writer = Strategies.named(strategy);
        directory = Workspace.directory();
        data = directory.resolve("data.json");
        Workspace.populate(data, keys);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        Workspace.delete(directory);
    }

    @Benchmark
    public void update() throws IOException {
        writer.update(data, Workspace.INCREMENT, StepHook.NONE);
    }

    /*
     * HOW TO RUN THIS BENCHMARK
     *   ./clobber bench Bench_01 Bench_02
     * (with Bench_01, so that the summary has the ceilings of the same run). Look at the
     * ratios in reports/bench/summary.md. On this machine, alone with its ceiling in three
     * rounds, lockfile+atomic-replace made 1,991 updates/s at 10 keys (95% of 2,087/s) and
     * 1,527/s at 1,000 keys (72% of 2,110/s): the gap at 1,000 keys is the JSON (Bench_05).
     */
}
