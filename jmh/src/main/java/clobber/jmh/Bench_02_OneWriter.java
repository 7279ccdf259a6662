package clobber.jmh;

import clobber.strategy.StepHook;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsPrepend = "--enable-native-access=ALL-UNNAMED")
public class Bench_02_OneWriter extends StrategyFile {

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
     *     random name. With two fsyncs per update, those extras should be small: within
     *     80% of the ceiling for lockfile+atomic-replace, say.
     *  c) The document size (`keys`) shows where the JSON work starts to matter: parsing and
     *     writing 1,000 keys costs about 80 µs here, a sixth of a durable write; 100,000 keys
     *     (about 2 MB) about 90 ms, forty times one (Bench_05).
     *  d) lockfile+replace-no-fsync is lockfile+atomic-replace without its two fsyncs: its
     *     ceiling is Bench_01.writeRename, and set beside lockfile+atomic-replace it prices the
     *     fsyncs (what the powerloss driver shows they buy).
     *  e) group-commit with one writer has nobody to batch with: each commit carries one update,
     *     the same system calls as lockfile+atomic-replace plus a queue and a hand-over. Beside
     *     lockfile+atomic-replace it prices that machinery, which should cost next to nothing
     *     (at least 0.9 of its rate); Bench_03 shows what the machinery buys.
     */

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
