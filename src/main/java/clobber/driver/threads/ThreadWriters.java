package clobber.driver.threads;

import clobber.check.Position;
import clobber.driver.RunSpec;
import clobber.driver.Stops;
import clobber.driver.WarmUp;
import clobber.driver.WriterGang;
import clobber.driver.WriterLoop;
import clobber.driver.WriterRecord;
import clobber.driver.stepped.SteppedWriters;
import clobber.os.KernelThread;
import clobber.os.NativeProcess;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/** Stepped writers as threads of this JVM, each waiting on a semaphore of its own for its turn. */
public final class ThreadWriters implements SteppedWriters, Stops.Turns {
    private final BlockingQueue<Signal> signals = new LinkedBlockingQueue<>();
    private final Semaphore[] turns;
    private final int[] threads;
    private final WriterGang gang;
    private final int pid;
    private volatile boolean over;

    public ThreadWriters(RunSpec spec) throws IOException {
        try {
            WarmUp.once(spec);
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("warming up " + spec.strategy().name() + ": " + e, e);
        }
        int count = spec.writers().count();
        turns = new Semaphore[count];
        threads = new int[count];
        Stops[] stops = new Stops[count];
        for (int w = 0; w < count; w++) {
            turns[w] = new Semaphore(0);
            stops[w] = new Stops(w, this);
        }
        int last = spec.writesPerWriter() - 1;
        gang = new WriterGang(spec, 0, count, 0, w -> stops[w], new WriterLoop.Listener() {
            @Override
            public void starting(WriterRecord record, int seq) {
                stops[record.writer()].startOf(seq);
            }

            @Override
            public void finished(WriterRecord record, int seq, boolean acknowledged) {
                if (seq == last) {
                    signals.add(new Finished(record.writer()));
                }
            }
        });
        pid = NativeProcess.pid();
    }

    @Override
    public void start() {
        try {
            gang.awaitReady();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        gang.release();
    }

    @Override
    public BlockingQueue<Signal> signals() {
        return signals;
    }

    @Override
    public void arrived(int writer, Position position, int thread) {
        threads[writer] = thread; // published to the scheduler by the queue
        signals.add(new Arrived(writer, position));
    }

    @Override
    public void awaitTurn(int writer) {
        turns[writer].acquireUninterruptibly();
        if (over) {
            throw new Stops.ScheduleAborted();
        }
    }

    @Override
    public void proceed(int writer) {
        turns[writer].release();
    }

    @Override
    public java.util.Set<Long> pids() {
        return java.util.Set.of((long) pid);
    }

    @Override
    public KernelThread kernelThread(int writer) {
        return KernelThread.of(pid, threads[writer]);
    }

    @Override
    public boolean waitsForJavaLock(int writer) {
        Thread.State state = gang.state(writer);
        return state == Thread.State.WAITING || state == Thread.State.BLOCKED;
    }

    /** A thread's stop is seen the moment it is made: a writer asleep elsewhere for this long is blocked. */
    @Override
    public java.time.Duration blockBound() {
        return java.time.Duration.ofMillis(100);
    }

    @Override
    public List<WriterRecord> records() {
        return gang.records();
    }

    /**
     * Every writer is let go with the news that the schedule is over: each unwinds from its stop
     * (closing what it holds, so that writers blocked behind it get their lock and unwind too).
     */
    @Override
    public void close() {
        over = true;
        gang.interrupt();
        for (Semaphore turn : turns) {
            turn.release(1_000_000);
        }
        try {
            gang.await(TimeUnit.SECONDS.toNanos(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
