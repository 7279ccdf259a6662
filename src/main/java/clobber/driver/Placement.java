package clobber.driver;

import java.nio.file.Path;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Where each writer process of a run runs, numbered by its slot: which pool gives it a worker
 * JVM, how an external writer's command is started there, and the data file by the path that
 * process uses. On one machine, all slots share one pool, one path and no wrapper; across hosts,
 * each slot is on a host of its own, which names the same shared file by its own mount.
 */
record Placement(IntFunction<WorkerPool> pools, IntFunction<Path> files, Launcher launcher) {

    /** Wraps an external writer's command so that it starts where the slot is. */
    interface Launcher {
        List<String> command(int slot, List<String> command);
    }

    /** Every slot on this machine: {@code pool}, {@code file}, commands as they are. */
    static Placement local(WorkerPool pool, Path file) {
        return new Placement(slot -> pool, slot -> file, (slot, command) -> command);
    }

    WorkerPool pool(int slot) {
        return pools.apply(slot);
    }

    Path file(int slot) {
        return files.apply(slot);
    }

    List<String> launch(int slot, List<String> command) {
        return launcher.command(slot, command);
    }
}
