package clobber.check;

import com.fasterxml.jackson.databind.node.ObjectNode;
import clobber.driver.Driver;
import clobber.driver.DriverOutcome;
import clobber.driver.RunSpec;
import clobber.strategy.Documents;
import clobber.strategy.WriteStrategy;
import clobber.workload.Workload;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs one {@link RunSpec} under one {@link Driver}, then reads the file the writers left and
 * judges it: corrupt (does not parse), lost writes (acknowledged keys or increments missing),
 * errors, or safe; and whether that is what the strategy claimed.
 */
public final class Experiment {
    private Experiment() {}

    public static RunResult run(Driver driver, RunSpec spec) throws InterruptedException, IOException {
        DriverOutcome outcome = driver.run(spec);
        return judge(driver, spec, outcome, Files.exists(spec.file()) ? Files.readAllBytes(spec.file()) : new byte[0]);
    }

    static RunResult judge(Driver driver, RunSpec spec, DriverOutcome outcome, byte[] finalBytes) {
        WriteStrategy strategy = spec.strategy();
        Workload workload = spec.workload();
        long acknowledged = outcome.acknowledged().count();
        boolean corrupt = false;
        long lost;
        List<LossStory.Event> story = null;
        try {
            ObjectNode document = Documents.parse(finalBytes);
            lost = workload.lost(document, outcome.acknowledged());
            story = LossStory.tell(outcome.traces(), workload.lostUpdates(document, outcome.acknowledged())).orElse(null);
        } catch (IOException e) {
            corrupt = true;
            lost = acknowledged; // nothing can be read back
        }
        Verdict verdict = outcome.timedOut() ? Verdict.STALLED
                : corrupt ? Verdict.CORRUPT
                : lost > 0 ? Verdict.LOST_WRITES
                : outcome.errors() > 0 ? Verdict.ERRORS
                : Verdict.SAFE;
        boolean expectedSafe = strategy.claim().survivesAll(driver.conditions());
        Histogram latency = outcome.latencyMicros();
        double seconds = outcome.wallNanos() / 1e9;
        return new RunResult(
                strategy.name(),
                strategy.lock().map(l -> l.name()).orElse(null),
                driver.name(),
                workload.name(),
                spec.writers(),
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
                strategy.claim().toString(),
                expectedSafe,
                verdict,
                expectedSafe == (verdict == Verdict.SAFE),
                story);
    }
}
