package clobber.driver.process;

import clobber.driver.Pause;
import clobber.driver.RunSpec;
import clobber.os.LockPrimitive;
import clobber.strategy.Step;
import clobber.strategy.Strategies;
import clobber.strategy.WriteStrategy;
import clobber.workload.Workload;

import java.nio.file.Path;
import java.util.List;

/**
 * What a worker process is told to do: the {@link Run} it takes part in, its share of that run's
 * writers ({@code first} .. {@code first + count - 1}, from update {@code from} on), and how it is
 * to end. {@code crashAt}, if set, makes the worker kill itself the {@code crashArrival}-th time
 * one of its writers reaches that step. A {@code stepped} job's writer stops at the start of every
 * update and at every step, says where ({@link WriterMessage.At}), and runs on only when told
 * ({@link WriterMessage.Proceed}): the explorer's scheduler decides every interleaving. A
 * {@code held} job's writer, after each update it acknowledges, waits for {@code proceed} before
 * it starts the next: the driver has heard the acknowledgement and marked it (in a block device's
 * log, say) before the writer does anything more.
 */
record WorkerJob(Run run, int first, int count, int from, String crashAt, int crashArrival, boolean stepped, boolean held) {

    /**
     * Everything needed to rebuild the {@link RunSpec} in the worker: the strategy travels as its
     * class name and lock, and is made again there.
     */
    record Run(String strategyClass, String lock, String workload, String file, int writers, int writesPerWriter,
               List<String> pauses, long seed) {

        static Run of(RunSpec spec) {
            return new Run(spec.strategy().getClass().getName(), spec.strategy().lock().map(LockPrimitive::name).orElse(null),
                    spec.workload().name(), spec.file().toString(), spec.writers().count(), spec.writesPerWriter(),
                    spec.stress().pauses().stream().map(Pause::toString).toList(), spec.seed());
        }

        RunSpec spec() {
            WriteStrategy strategy = Strategies.named(strategyClass);
            if (lock != null && !lock.equals(strategy.lock().map(LockPrimitive::name).orElse(null))) {
                strategy = strategy.withLock(LockPrimitive.named(lock));
            }
            return RunSpec.of(strategy, Workload.named(workload), writers, writesPerWriter, Path.of(file))
                    .withPauses(pauses.stream().map(Pause::parse).toList()).withSeed(seed);
        }
    }

    /** Writers {@code first} .. {@code first + count - 1} of {@code spec} from update {@code from}; a crash at {@code crashAt}'s {@code arrival}-th reach, if not null. */
    static WorkerJob of(RunSpec spec, int first, int count, int from, Step crashAt, int arrival, boolean held) {
        return new WorkerJob(Run.of(spec), first, count, from, crashAt == null ? null : crashAt.label(), arrival, false, held);
    }

    /** The job of one stepped writer, {@code writer}, for the explorer. */
    static WorkerJob stepped(RunSpec spec, int writer) {
        return new WorkerJob(Run.of(spec), writer, 1, 0, null, 0, true, false);
    }

    RunSpec spec() {
        return run.spec();
    }
}
