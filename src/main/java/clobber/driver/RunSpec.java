package clobber.driver;

import clobber.strategy.StepHook;
import clobber.strategy.WriteStrategy;
import clobber.workload.Workload;

import java.nio.file.Path;
import java.time.Duration;

/**
 * One run: {@code writers} writers each apply {@code writesPerWriter} updates of {@code workload}
 * to {@code file} with {@code strategy}, calling {@code hook} at every step. A run still going
 * after {@code timeout} is stopped and reported as such.
 */
public record RunSpec(WriteStrategy strategy, Workload workload, int writers, int writesPerWriter,
                      Path file, StepHook hook, Duration timeout) {

    public long attempted() {
        return (long) writers * writesPerWriter;
    }
}
