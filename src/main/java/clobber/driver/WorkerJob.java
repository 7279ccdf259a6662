package clobber.driver;

import clobber.os.LockPrimitive;
import clobber.strategy.Step;
import clobber.strategy.Strategies;
import clobber.strategy.WriteStrategy;
import clobber.workload.Workload;

import java.nio.file.Path;
import java.util.List;

/**
 * What a worker process is told to do: its share of a run's writers ({@code first} ..
 * {@code first + count - 1}, from update {@code from} on) and everything needed to rebuild the
 * {@link RunSpec} on its side. The strategy travels as its class name and lock, and is made again
 * in the worker. {@code crashAt}, if set, makes the worker kill itself the {@code crashArrival}-th
 * time one of its writers reaches that step. A {@code stepped} job's writer stops at the start of
 * every update and at every step, says where ({@link WriterMessage.At}), and runs on only when
 * told ({@link WriterMessage.Proceed}): the explorer's scheduler decides every interleaving.
 */
record WorkerJob(String strategyClass, String lock, String workload, String file, int writers, int first,
                 int count, int from, int writesPerWriter, List<String> pauses, String crashAt, int crashArrival,
                 boolean stepped) {

    static WorkerJob of(RunSpec spec, int first, int count, int from, Step crashAt, int crashArrival) {
        return of(spec, first, count, from, crashAt, crashArrival, false);
    }

    /** The job of one stepped writer, {@code writer}, for the explorer. */
    static WorkerJob stepped(RunSpec spec, int writer) {
        return of(spec, writer, 1, 0, null, 0, true);
    }

    private static WorkerJob of(RunSpec spec, int first, int count, int from, Step crashAt, int crashArrival, boolean stepped) {
        return new WorkerJob(spec.strategy().getClass().getName(),
                spec.strategy().lock().map(LockPrimitive::name).orElse(null),
                spec.workload().name(), spec.file().toString(), spec.writers(), first, count, from,
                spec.writesPerWriter(), spec.pauses().stream().map(Pause::toString).toList(),
                crashAt == null ? null : crashAt.label(), crashArrival, stepped);
    }

    RunSpec spec() {
        WriteStrategy strategy = Strategies.named(strategyClass);
        if (lock != null && !lock.equals(strategy.lock().map(LockPrimitive::name).orElse(null))) {
            strategy = strategy.withLock(LockPrimitive.named(lock));
        }
        return RunSpec.of(strategy, Workload.named(workload), writers, writesPerWriter, Path.of(file))
                .withPauses(pauses.stream().map(Pause::parse).toList());
    }
}
