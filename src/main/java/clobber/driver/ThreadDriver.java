package clobber.driver;

import clobber.strategy.Condition;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * W writer threads in this JVM, released together. Each update opens the file afresh, so with
 * flock(2) two threads exclude each other as two processes would: the threads show the OS's
 * behaviour, not the JVM's.
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
    public String unfit(RunSpec spec) {
        if (spec.crash() != null || spec.external() != null) {
            return "crashes and external writers need writer processes (--driver processes or crash)";
        }
        return spec.readers() > 0 && !spec.workload().hasDocument()
                ? "readers read one document, and the " + spec.workload().name() + " workload writes many files" : null;
    }

    @Override
    public DriverOutcome run(RunSpec spec) throws InterruptedException, IOException {
        AtomicLong finished = new AtomicLong();
        WriterGang gang = new WriterGang(spec, 0, spec.writers(), 0, w -> spec.pauseHook(), (record, seq, ok) -> finished.incrementAndGet());
        ReaderGang readers = new ReaderGang(spec, spec.readers());
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
        DriverOutcome outcome = DriverOutcome.of(gang.records(), wall).read(readers);
        return stalled == null ? outcome : outcome.stalled(stalled);
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
            if (now - lastProgress > spec.stallAfter().toNanos()) {
                return Stall.diagnose(spec.file().toAbsolutePath().getParent(), spec.stallAfter());
            }
            if (now - begin > spec.timeout().toNanos()) {
                return "still running at the timeout of " + spec.timeout().toSeconds() + " s";
            }
        }
        return null;
    }
}
