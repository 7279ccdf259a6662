package clobber.driver;

import clobber.strategy.StepHook;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * Some of a run's writers as threads of this JVM: all created and parked first, then released by
 * one signal, so that they contend from their first update instead of starting one after
 * another. The thread driver runs all writers as one gang; each worker process runs its share.
 */
public final class WriterGang {
    private final CountDownLatch ready;
    private final CountDownLatch start = new CountDownLatch(1);
    private final CountDownLatch done;
    private final List<WriterRecord> records = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();

    /**
     * Starts, parked, the threads of writers {@code first} .. {@code first + count - 1}, each
     * beginning at update {@code from} and calling the hook {@code hooks} makes for it.
     */
    public WriterGang(RunSpec spec, int first, int count, int from, IntFunction<StepHook> hooks, WriterLoop.Listener finished) {
        ready = new CountDownLatch(count);
        done = new CountDownLatch(count);
        for (int w = first; w < first + count; w++) {
            WriterRecord record = new WriterRecord(w, spec.writesPerWriter());
            records.add(record);
            StepHook hook = hooks.apply(w);
            threads.add(Thread.ofPlatform().name("writer-" + w).daemon().start(() -> {
                ready.countDown();
                try {
                    start.await();
                    WriterLoop.run(spec, record, from, hook, finished);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (Stops.ScheduleAborted e) {
                    // its schedule was given up at the start of an update: the writer just ends
                } finally {
                    done.countDown();
                }
            }));
        }
    }

    public void awaitReady() throws InterruptedException {
        ready.await();
    }

    public void release() {
        start.countDown();
    }

    /** Waits for every writer to finish; false if {@code nanos} passed first. */
    public boolean await(long nanos) throws InterruptedException {
        return done.await(nanos, TimeUnit.NANOSECONDS);
    }

    /**
     * Stops the writers' loops. A thread blocked in flock(2) cannot be interrupted and stays, as a
     * daemon, until its lock comes; its record is read as it stands.
     */
    public void interrupt() {
        threads.forEach(Thread::interrupt);
    }

    /** What writer thread {@code index} (counted from this gang's first) is doing, as Java sees it. */
    public Thread.State state(int index) {
        return threads.get(index).getState();
    }

    public List<WriterRecord> records() {
        return records;
    }
}
