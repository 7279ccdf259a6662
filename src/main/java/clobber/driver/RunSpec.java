package clobber.driver;

import clobber.strategy.StepHook;
import clobber.strategy.WriteStrategy;
import clobber.workload.Workload;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * One run: {@code writers} writers each apply {@code writesPerWriter} updates of {@code workload}
 * to {@code file} with {@code strategy}, pausing where {@code pauses} say. A run still going after
 * {@code timeout} is stopped and reported as such. Everything here can be sent to a worker
 * process, which is why the pauses are data and not an arbitrary hook.
 */
public record RunSpec(WriteStrategy strategy, Workload workload, int writers, int writesPerWriter,
                      Path file, List<Pause> pauses, Duration timeout) {

    public RunSpec {
        pauses = List.copyOf(pauses);
    }

    public long attempted() {
        return (long) writers * writesPerWriter;
    }

    /** The file, beside the data file, that the writers' overlap verifier maps. */
    Path verifierFile() {
        return file.resolveSibling("clobber-overlaps.bin");
    }

    /** The pauses as one hook. */
    StepHook pauseHook() {
        StepHook hook = StepHook.NONE;
        for (Pause pause : pauses) {
            hook = hook.andThen(pause);
        }
        return hook;
    }
}
