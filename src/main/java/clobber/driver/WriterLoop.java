package clobber.driver;

import clobber.strategy.StepHook;

import java.util.SplittableRandom;
import java.util.concurrent.locks.LockSupport;

/**
 * The body of every writer, whatever runs it (a thread, a thread in a worker process): apply its
 * updates one after another and record each one's outcome and trace. An update that throws
 * anything (it read a half-written file, or the strategy hit an {@code AssertionError}: a
 * {@code Throwable} from a strategy is its failure, never the harness's) is counted as a failed
 * attempt and tried again after a random pause of up to a millisecond times the attempt, as a
 * real caller would, up to {@link #ATTEMPTS} times in all; then the writer gives it up,
 * unacknowledged, and goes on. An acknowledged update is reported at once, before the next one starts, so that a
 * writer killed later has still told the driver what it was promised.
 */
public final class WriterLoop {
    public static final int ATTEMPTS = 5;
    private static final long BACKOFF_NANOS = 1_000_000;

    private WriterLoop() {}

    /**
     * Told as each update ends, acknowledged or given up after its last attempt; and, if it
     * listens, as each update starts (a scheduler holds the writer there until its turn) and of
     * each failed attempt.
     */
    public interface Listener {
        void finished(WriterRecord record, int seq, boolean acknowledged);

        default void starting(WriterRecord record, int seq) {
        }

        default void attemptFailed(WriterRecord record, int seq, String error) {
        }
    }

    /** Runs updates {@code from} .. writesPerWriter - 1, calling {@code hook} at every step and telling {@code listener}. */
    static void run(RunSpec spec, WriterRecord record, int from, StepHook hook, Listener listener) {
        // The run's seed makes the backoffs: writers that failed together do not retry together, and a run replays.
        SplittableRandom random = new SplittableRandom(spec.seed() * 1_000_003 + record.writer);
        for (int seq = from; seq < spec.writesPerWriter() && !Thread.currentThread().isInterrupted(); seq++) {
            int current = seq;
            listener.starting(record, seq);
            StepHook traced = step -> {
                record.passed(current, step, System.nanoTime());
                hook.at(step);
            };
            var change = spec.workload().update(record.writer, seq);
            long start = System.nanoTime();
            boolean ok = false;
            for (int attempt = 1; !ok && attempt <= ATTEMPTS; attempt++) {
                try {
                    spec.strategy().update(spec.file(), document -> {
                        record.fieldsSeen[current] = document.size();
                        return change.apply(document);
                    }, traced);
                    ok = true;
                } catch (Throwable t) {
                    String error = describe(t);
                    record.failed(error);
                    listener.attemptFailed(record, current, error);
                    LockSupport.parkNanos(random.nextLong(BACKOFF_NANOS * attempt));
                }
            }
            long end = System.nanoTime();
            record.starts[seq] = start;
            record.ends[seq] = end;
            record.latencyMicros.recordValue(Math.max(0, (end - start) / 1000));
            record.completed++;
            if (ok) {
                record.acknowledged.set(seq);
            } else {
                record.gaveUp(seq);
            }
            spec.updatesDone().increment();
            listener.finished(record, seq, ok);
        }
    }

    private static String describe(Throwable t) {
        String message = t.getMessage();
        return t.getClass().getSimpleName() + (message == null ? "" : ": " + message.lines().findFirst().orElse(""));
    }
}
