package clobber.driver;

import clobber.strategy.Condition;

import java.io.IOException;
import java.util.Set;

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
    public DriverOutcome run(RunSpec spec) throws InterruptedException, IOException {
        try (OverlapVerifier verifier = OverlapVerifier.map(spec.verifierFile(), spec.writers())) {
            WriterGang gang = new WriterGang(spec, 0, spec.writers(), verifier);
            gang.awaitReady();
            long begin = System.nanoTime();
            gang.release();
            boolean finished = gang.await(spec.timeout().toNanos());
            long wall = System.nanoTime() - begin;
            if (!finished) {
                gang.interrupt();
            }
            return DriverOutcome.of(gang.records(), wall, !finished, verifier, begin);
        }
    }
}
