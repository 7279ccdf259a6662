package clobber.driver;

import clobber.strategy.Condition;

import java.io.IOException;
import java.util.Set;

/**
 * The threads driver with readers that read the data file, without the writers' lock, the whole
 * time: what a dashboard, a second service or a backup job reading the same file would see.
 */
public final class ReadersDriver implements Driver {
    /** Readers when the run does not choose. */
    public static final int DEFAULT_READERS = 2;

    private final ThreadDriver threads = new ThreadDriver();

    @Override
    public String name() {
        return "readers";
    }

    @Override
    public Set<Condition> conditions() {
        return Set.of(Condition.THREADS, Condition.READERS);
    }

    @Override
    public String unfit(RunSpec spec) {
        return threads.unfit(spec.withReaders(DEFAULT_READERS));
    }

    @Override
    public DriverOutcome run(RunSpec spec) throws InterruptedException, IOException {
        return threads.run(spec.readers() == 0 ? spec.withReaders(DEFAULT_READERS) : spec);
    }
}
