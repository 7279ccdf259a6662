package clobber.jmh;

import clobber.strategy.Strategies;
import clobber.strategy.WriteStrategy;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The state the strategy benchmarks share: one strategy ({@code strategy}) and one data file in a
 * fresh directory of its own, holding a document of {@code keys} keys, made before a trial and
 * removed after it. Each benchmark that extends it says by its own {@code @State} scope who
 * shares the file: one thread (Bench_02) or a group of contending writers (Bench_03).
 */
@State(Scope.Thread) // each benchmark's own @State scope takes precedence over this one
public abstract class StrategyFile {

    @Param({"no-lock", "flock-data-file+replace", "flock+seek/truncate", "lockfile+atomic-replace", "lockfile+replace-no-fsync",
            "group-commit"})
    public String strategy;

    @Param({"10", "1000", "100000"})
    public int keys;

    protected WriteStrategy writer;
    protected Path directory;
    protected Path data;

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
}
