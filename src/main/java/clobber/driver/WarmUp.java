package clobber.driver;

import clobber.os.FileTrees;
import clobber.strategy.StepHook;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs a strategy a few times on a private file, so that class loading, FFM linking and the first
 * JIT compilations are done before writers start: workers then start together, and a stepped
 * writer's first moves are not mistaken for blocked ones.
 */
public final class WarmUp {
    private static final int UPDATES = 30;
    /** Strategies (class and lock) this JVM has warmed up once for. */
    private static final Set<String> DONE = ConcurrentHashMap.newKeySet();

    private WarmUp() {}

    /** Warms up for {@code spec}'s strategy once in this JVM: a schedule is too short to warm up for each. */
    public static void once(RunSpec spec) throws Exception {
        if (DONE.add(spec.strategy().getClass().getName() + " " + spec.strategy().lock().map(l -> l.name()).orElse(""))) {
            run(spec);
        }
    }

    public static void run(RunSpec spec) throws Exception {
        Path dir = Files.createTempDirectory(spec.file().toAbsolutePath().getParent(), "warm-up-");
        Path file = dir.resolve("warm.json");
        spec.workload().prepare(file);
        for (int seq = 0; seq < UPDATES; seq++) {
            try {
                spec.strategy().update(file, spec.workload().update(0, seq), StepHook.NONE);
            } catch (Throwable t) {
                // A strategy that fails fails in the run, where it is counted and quoted: the
                // warm-up only loads and compiles, and must not turn its bug into the harness's.
            }
        }
        FileTrees.delete(dir);
    }
}
