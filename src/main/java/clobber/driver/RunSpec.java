package clobber.driver;

import clobber.strategy.StepHook;
import clobber.strategy.WriteStrategy;
import clobber.workload.Workload;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;

/**
 * One run: {@code writers} writers each apply {@code writesPerWriter} updates of {@code workload}
 * to {@code file} with {@code strategy}, calling {@code hook} at every step. A run still going
 * after {@code timeout} is stopped and reported as such. {@code updatesDone} counts finished
 * updates (acknowledged or failed) as they happen, so that a progress display can follow a run
 * that is still going; the checker never reads it.
 */
public record RunSpec(WriteStrategy strategy, Workload workload, int writers, int writesPerWriter,
                      Path file, StepHook hook, Duration timeout, LongAdder updatesDone) {

    public RunSpec(WriteStrategy strategy, Workload workload, int writers, int writesPerWriter,
                   Path file, StepHook hook, Duration timeout) {
        this(strategy, workload, writers, writesPerWriter, file, hook, timeout, new LongAdder());
    }

    public long attempted() {
        return (long) writers * writesPerWriter;
    }
}
