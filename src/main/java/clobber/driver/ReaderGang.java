package clobber.driver;

import clobber.check.Reads;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Readers that read the data file over and over while the writers run, without taking the
 * writers' lock, as most readers of a config or state file do. A read is torn when its content
 * does not parse (empty, half written), the file is missing, or it shows less progress than an
 * earlier read of the same reader (fewer keys, a lower counter): a state no correct history has.
 */
public final class ReaderGang {
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicLong reads = new AtomicLong();
    private final AtomicLong torn = new AtomicLong();
    private final AtomicReference<String> firstTorn = new AtomicReference<>();
    private volatile boolean stop;

    public ReaderGang(RunSpec spec, int readers) {
        for (int r = 0; r < readers; r++) {
            String name = "reader-" + r;
            threads.add(Thread.ofPlatform().name(name).daemon().unstarted(() -> {
                long seen = -1;
                while (!stop) {
                    String tear;
                    try {
                        long progress = spec.workload().progress(spec.workload().format().parse(Files.readAllBytes(spec.file())));
                        tear = progress < seen ? "went back from " + seen + " to " + progress : null;
                        seen = Math.max(seen, progress);
                    } catch (NoSuchFileException e) {
                        tear = "the file was missing";
                    } catch (IOException e) {
                        tear = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
                    }
                    reads.incrementAndGet();
                    if (tear != null) {
                        torn.incrementAndGet();
                        firstTorn.compareAndSet(null, name + ": " + tear);
                    }
                }
            }));
        }
    }

    public void start() {
        threads.forEach(Thread::start);
    }

    public void stop() throws InterruptedException {
        stop = true;
        for (Thread thread : threads) {
            thread.join();
        }
    }

    /** What the readers saw, once stopped. */
    public Reads reads() {
        return new Reads(reads.get(), torn.get(), firstTorn.get());
    }
}
