package clobber.driver.process;

import java.nio.file.Path;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Where each writer process of a run runs, numbered by its slot: which pool gives it a worker
 * JVM, how an external writer's command is started there, and the data file by the path that
 * process uses. On one machine, all slots share one pool and one path; across hosts, each slot is
 * on a host of its own, which names the same shared file by its own mount.
 */
public record Placement(IntFunction<WorkerPool> pools, IntFunction<Path> files, Launcher launcher) {

    /** Wraps the command of external writer {@code writer} so that it starts where slot {@code slot} is (and as it is watched). */
    @FunctionalInterface
    public interface Launcher {
        List<String> command(int slot, int writer, List<String> command);
    }

    /** Every slot on this machine: {@code pool}, {@code file}, commands as they are. */
    public static Placement local(WorkerPool pool, Path file) {
        return local(pool, file, (slot, writer, command) -> command);
    }

    /** Every slot on this machine, external writers' commands wrapped by {@code launcher} (a tracer, say). */
    public static Placement local(WorkerPool pool, Path file, Launcher launcher) {
        return new Placement(slot -> pool, slot -> file, launcher);
    }

    WorkerPool pool(int slot) {
        return pools.apply(slot);
    }

    Path file(int slot) {
        return files.apply(slot);
    }

    List<String> launch(int slot, int writer, List<String> command) {
        return launcher.command(slot, writer, command);
    }
}
