package clobber.driver;

import clobber.strategy.Condition;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * W writer threads in this JVM, all created and parked first, then released by one start signal,
 * so that they contend from the first update instead of starting one after another. Each update
 * opens the file afresh, so with flock(2) two threads exclude each other as two processes would:
 * the threads show the OS's behaviour, not the JVM's.
 */
public final class ThreadDriver implements Driver {

    @Override
    public String name() {
        return "threads";
    }

    @Override
    public Set<Condition> conditions() {
        return Set.of(Condition.THREADS);
    }

    @Override
    public DriverOutcome run(RunSpec spec) throws InterruptedException {
        CountDownLatch ready = new CountDownLatch(spec.writers());
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(spec.writers());
        List<WriterRecord> records = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < spec.writers(); w++) {
            WriterRecord record = new WriterRecord(w, spec.writesPerWriter());
            records.add(record);
            threads.add(Thread.ofPlatform().name("writer-" + w).daemon().start(() -> {
                ready.countDown();
                try {
                    start.await();
                    WriterLoop.run(spec, record);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    done.countDown();
                }
            }));
        }
        ready.await();
        long begin = System.nanoTime();
        start.countDown();
        boolean finished = done.await(spec.timeout().toNanos(), TimeUnit.NANOSECONDS);
        long wall = System.nanoTime() - begin;
        if (!finished) {
            // Stop the loops; a thread blocked in flock(2) cannot be interrupted and stays, as a
            // daemon, until its lock comes. Its record is read as it stands.
            threads.forEach(Thread::interrupt);
        }
        return DriverOutcome.of(records, wall, !finished);
    }
}
