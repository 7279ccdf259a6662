package clobber.driver.threads;

import clobber.check.Evidence;
import clobber.driver.Driver;
import clobber.driver.ReaderGang;
import clobber.driver.RunSpec;
import clobber.driver.Stall;
import clobber.driver.WriterGang;
import clobber.driver.WriterLoop;
import clobber.driver.process.Placement;
import clobber.driver.process.ProcessRun;
import clobber.driver.process.WorkerPool;
import clobber.strategy.Strategies;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * W writer threads of one JVM, released together. Each update opens the file afresh, so with
 * flock(2) two threads exclude each other as two processes would: the threads show the OS's
 * behaviour, not the JVM's. With readers asked for, reader threads read the file without the
 * lock meanwhile (the readers driver is this one with {@link #READERS} readers).
 *
 * <p>The JVM is clobber's own for a shipped strategy, and a worker JVM of the pool for a plug-in
 * (any strategy not shipped with clobber): a plug-in's {@code System.exit}, {@code Runtime.halt}
 * or exhausted heap then ends that worker, which is the strategy's failure, and never clobber,
 * whose verdict would be lost with it. A plug-in instance a worker could not make again from its
 * class name (one handed to the JUnit assertions, say, of a class that is not public) runs in the
 * JVM it was made in.
 */
public final class ThreadDriver implements Driver {
    /** Readers the readers driver runs when the run does not choose. */
    public static final int READERS = 2;

    private final int defaultReaders;
    private final WorkerPool pool;

    private ThreadDriver(int defaultReaders, WorkerPool pool) {
        this.defaultReaders = defaultReaders;
        this.pool = pool;
    }

    /** Writer threads, and readers only where the run asks for them; a plug-in's in a worker of {@code pool}. */
    public static ThreadDriver threads(WorkerPool pool) {
        return new ThreadDriver(0, pool);
    }

    /** Writer threads and, unless the run chooses how many, {@link #READERS} unlocked readers. */
    public static ThreadDriver withReaders(WorkerPool pool) {
        return new ThreadDriver(READERS, pool);
    }

    private RunSpec withDefaultReaders(RunSpec spec) {
        return spec.stress().readers() == 0 && defaultReaders > 0 ? spec.withReaders(defaultReaders) : spec;
    }

    @Override
    public RunSpec sized(RunSpec spec) {
        return withDefaultReaders(spec);
    }

    @Override
    public String unfit(RunSpec requested) {
        RunSpec spec = withDefaultReaders(requested);
        if (spec.stress().crash() != null || spec.writers().external() != null) {
            return "crashes and external writers need writer processes (--driver processes or crash)";
        }
        return spec.stress().readers() > 0 && !spec.workload().hasDocument()
                ? "readers read one document, and the " + spec.workload().name() + " workload writes many files" : null;
    }

    @Override
    public Evidence run(RunSpec requested) throws InterruptedException, IOException {
        RunSpec spec = withDefaultReaders(requested);
        if (!Strategies.shipped(spec.strategy()) && Strategies.remakeable(spec.strategy())) {
            return new ProcessRun(spec, Placement.local(pool, spec.file()), 1, ProcessRun.Listener.NONE).execute();
        }
        AtomicLong finished = new AtomicLong();
        WriterGang gang = new WriterGang(spec, 0, spec.writers().count(), 0, w -> spec.pauseHook(), new WriterLoop.Listener() {
            @Override
            public void finished(clobber.driver.WriterRecord record, int seq, boolean acknowledged) {
                finished.incrementAndGet();
            }
        });
        ReaderGang readers = new ReaderGang(spec, spec.stress().readers());
        gang.awaitReady();
        long begin = System.nanoTime();
        gang.release();
        readers.start();
        String stalled = awaitProgress(gang, finished, spec, begin);
        long wall = System.nanoTime() - begin;
        if (stalled != null) {
            gang.interrupt();
        }
        readers.stop();
        Evidence evidence = clobber.driver.WriterRecord.evidence(gang.records(), wall).read(readers.reads());
        return stalled == null ? evidence : evidence.stalled(stalled);
    }

    /** Waits for the gang; the reason it stalled, or null if it finished. */
    private static String awaitProgress(WriterGang gang, AtomicLong finished, RunSpec spec, long begin)
            throws InterruptedException {
        long lastCount = 0;
        long lastProgress = begin;
        while (!gang.await(TimeUnit.MILLISECONDS.toNanos(50))) {
            long now = System.nanoTime();
            long count = finished.get();
            if (count != lastCount) {
                lastCount = count;
                lastProgress = now;
            }
            if (now - lastProgress > spec.limits().stallAfter().toNanos()) {
                return Stall.diagnose(spec.file().toAbsolutePath().getParent(), spec.limits().stallAfter());
            }
            if (now - begin > spec.limits().timeout().toNanos()) {
                return "still running at the timeout of " + spec.limits().timeout().toSeconds() + " s";
            }
        }
        return null;
    }
}
