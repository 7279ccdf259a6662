package clobber.driver;

import clobber.os.LockPrimitive;
import clobber.strategy.Strategies;
import clobber.strategy.WriteStrategy;
import clobber.workload.Workload;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What a worker process is told to do: its share of a run's writers ({@code first} ..
 * {@code first + count - 1}) and everything needed to rebuild the {@link RunSpec} on its side.
 * The strategy travels as its class name and lock, and is instantiated again in the worker.
 */
record WorkerJob(String strategyClass, String lock, String workload, String file, int writers, int first,
                 int count, int writesPerWriter, List<String> pauses) {

    static WorkerJob of(RunSpec spec, int first, int count) {
        return new WorkerJob(spec.strategy().getClass().getName(),
                spec.strategy().lock().map(LockPrimitive::name).orElse(null),
                spec.workload().name(), spec.file().toString(), spec.writers(), first, count,
                spec.writesPerWriter(), spec.pauses().stream().map(Pause::toString).toList());
    }

    RunSpec spec() {
        WriteStrategy strategy = Strategies.named(strategyClass);
        if (lock != null && !lock.equals(strategy.lock().map(LockPrimitive::name).orElse(null))) {
            strategy = strategy.withLock(LockPrimitive.named(lock));
        }
        return new RunSpec(strategy, Workload.named(workload), writers, writesPerWriter, Path.of(file),
                pauses.stream().map(Pause::parse).toList(), Duration.ofDays(1));
    }
}
