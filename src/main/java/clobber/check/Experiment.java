package clobber.check;

import com.fasterxml.jackson.databind.node.ObjectNode;
import clobber.driver.Driver;
import clobber.driver.DriverOutcome;
import clobber.driver.RunSpec;
import clobber.strategy.WriteStrategy;
import clobber.workload.Workload;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Runs one {@link RunSpec} under one {@link Driver}, then judges what the writers left: corrupt
 * (the state does not parse), lost writes (acknowledged keys or increments missing), torn reads,
 * overlaps (the lock did not exclude), errors, or safe; and whether that is what the strategy
 * claimed for the conditions of the run.
 */
public final class Experiment {
    private Experiment() {}

    public static RunResult run(Driver driver, RunSpec spec) throws InterruptedException, IOException {
        spec.workload().prepare(spec.file());
        DriverOutcome outcome = driver.run(spec);
        return judge(driver, spec, outcome);
    }

    static RunResult judge(Driver driver, RunSpec spec, DriverOutcome outcome) throws IOException {
        WriteStrategy strategy = spec.strategy();
        Workload workload = spec.workload();
        long acknowledged = outcome.acknowledged().count();
        boolean corrupt = false;
        long lost;
        List<LossStory.Event> story = null;
        try {
            ObjectNode document = workload.finalDocument(spec.file());
            lost = workload.lost(document, outcome.acknowledged());
            story = LossStory.tell(outcome.traces(), workload.lostUpdates(document, outcome.acknowledged())).orElse(null);
        } catch (IOException e) {
            corrupt = true;
            lost = acknowledged; // nothing can be read back
        }
        Overlaps overlaps = Overlaps.in(outcome.traces());
        Verdict verdict = outcome.stalled() != null ? Verdict.STALLED
                : corrupt ? Verdict.CORRUPT
                : lost > 0 ? Verdict.LOST_WRITES
                : outcome.tornReads() > 0 ? Verdict.TORN_READS
                : overlaps.count() > 0 ? Verdict.OVERLAPS
                : outcome.errors() > 0 ? Verdict.ERRORS
                : Verdict.SAFE;
        boolean expectedSafe = strategy.claim().survivesAll(driver.conditions(spec));
        Histogram latency = outcome.latencyMicros();
        double seconds = outcome.wallNanos() / 1e9;
        return new RunResult(
                strategy.name(),
                strategy.lock().map(l -> l.name()).orElse(null),
                driver.name(),
                workload.name(),
                spec.external() == null ? null : spec.external().count() + " x " + spec.external().command(),
                spec.totalWriters(),
                spec.writesPerWriter(),
                spec.attempted(),
                acknowledged,
                lost,
                corrupt,
                outcome.errors(),
                outcome.firstError(),
                outcome.wallNanos() / 1e6,
                seconds > 0 ? acknowledged / seconds : 0,
                RunResult.Latency.of(latency),
                outcome.contention(),
                overlaps.count(),
                overlaps.first(),
                outcome.reads(),
                outcome.tornReads(),
                outcome.firstTornRead(),
                outcome.crashes(),
                leftoverTempFiles(spec.file()),
                outcome.stalled(),
                strategy.claim().toString(),
                expectedSafe,
                verdict,
                expectedSafe == (verdict == Verdict.SAFE),
                story,
                outcome.notes().isEmpty() ? null : outcome.notes());
    }

    /** Temp files a crashed writer left beside the data file: harmless, but they pile up. */
    private static long leftoverTempFiles(Path file) throws IOException {
        try (Stream<Path> files = Files.list(file.toAbsolutePath().getParent())) {
            return files.filter(p -> p.getFileName().toString().endsWith(".tmp")).count();
        }
    }
}
