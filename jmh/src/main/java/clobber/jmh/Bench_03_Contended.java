package clobber.jmh;

import clobber.strategy.StepHook;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

@State(Scope.Group)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsPrepend = "--enable-native-access=ALL-UNNAMED")
public class Bench_03_Contended extends StrategyFile {

    /*
     * The third lesson: many writers on one file. Each @Group is one data file (this state is
     * Scope.Group) and 2, 4 or 8 threads updating it through the same strategy; JMH reports the
     * group's total updates/s.
     *  a) The safe strategies serialise every update on one lock, so more writers cannot make
     *     more updates/s than one writer: the best they can do is stay near the one-writer figure
     *     of Bench_02. Falling below it is the price of contention (wake-ups, lock hand-over).
     *  b) no-lock and flock-data-file+replace do not serialise, so they may go faster than one
     *     writer; that speed is bought with lost updates, which jcstress/ counts.
     *  c) no-lock's writers also fail: a writer that reads another's half-written document gets
     *     a parse error. Those updates are counted as "failed" (a secondary result) rather than
     *     ending the benchmark, and "updated" counts the ones that returned normally. If the
     *     file itself gets garbled, every later update fails, and "failed" says so.
     *  d) group-commit is the exception to (a): it serialises commits, not updates. The updates
     *     that queue while a commit is in flight go into the next one together, so 8 writers pay
     *     one write and two fsyncs for several updates. It is as durable as lockfile+atomic-replace,
     *     so the two side by side say what batching buys (the target: 5 times the rate with 8
     *     writers, and 3 times the single durable replace of Bench_01.writeFsyncRenameDirFsync).
     * The writers are threads of one JVM; the flock-based locks (the default) exclude threads,
     * so this measures the same serialisation that separate processes would see (except for
     * group-commit, whose batches form only among the threads of one JVM).
     */

    /** Per-thread counts of updates that returned normally and that threw, reported per second. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Outcomes {
        public long updated;
        public long failed;
    }

    private void update(Outcomes outcomes) {
        try {
            writer.update(data, Workspace.INCREMENT, StepHook.NONE);
            outcomes.updated++;
        } catch (IOException | RuntimeException e) {
            outcomes.failed++;
        }
    }

    @Benchmark
    @Group("writers2")
    @GroupThreads(2)
    public void writers2(Outcomes outcomes) {
        update(outcomes);
    }

    @Benchmark
    @Group("writers4")
    @GroupThreads(4)
    public void writers4(Outcomes outcomes) {
        update(outcomes);
    }

    @Benchmark
    @Group("writers8")
    @GroupThreads(8)
    public void writers8(Outcomes outcomes) {
        update(outcomes);
    }

    /*
     * HOW TO RUN THIS BENCHMARK
     *   ./clobber bench Bench_01 Bench_02 Bench_03
     * Compare each group's updates/s with Bench_02's one writer, and read "failed" beside it.
     * Group commit against one commit per update, and its ratios against their targets:
     *   ./clobber bench --group-commit
     */
}
