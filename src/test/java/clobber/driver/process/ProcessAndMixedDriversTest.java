package clobber.driver.process;

import clobber.check.RunResult;
import clobber.run.DriverOptions;
import clobber.run.SessionUnderTest;
import clobber.strategy.Verdict;
import clobber.driver.Pause;
import clobber.strategy.Step;
import clobber.driver.RunSpec;
import clobber.strategy.Strategies;
import clobber.strategy.WriteStrategy;
import clobber.workload.Workload;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every strategy across processes, 3 runs each: 4 worker JVMs with one writer each, and 2 JVMs
 * with 4 writer threads each (mixed), every writer pausing 200 us after its read. The broken patterns must be caught in every run, the
 * correct ones must lose nothing in any run.
 */
class ProcessAndMixedDriversTest {
    private static final int RUNS = 3;
    /**
     * On 2 busy cores the scheduler can all but serialise a few processes, and a window of
     * microseconds then goes unhit for a whole run. Holding every writer 500 us after its read
     * keeps the windows open by design, and the writers busy at once even when the machine is
     * loaded: broken patterns are caught every time, and the safe ones must stay safe with the
     * window held open.
     */
    private static final List<Pause> WIDEN = List.of(new Pause(Step.AFTER_READ, 500));

    @RegisterExtension
    static final SessionUnderTest lab = new SessionUnderTest(DriverOptions.DEFAULTS.withProcesses(2));

    /** LOSES: acknowledged writes missing, or the file garbled past reading (CORRUPT: no loss can be counted). */
    enum Expect { LOSES, LOSES_OR_OVERLAPS, SAFE }

    @ParameterizedTest(name = "{0} under {1}: {2}")
    @CsvSource({
            "no-lock,                 processes, LOSES",
            "no-lock,                 mixed,     LOSES",
            "flock-data-file+replace, processes, LOSES",
            "flock-data-file+replace, mixed,     LOSES",
            "flock+seek/truncate,     processes, SAFE",
            "flock+seek/truncate,     mixed,     SAFE",
            "lockfile+atomic-replace, processes, SAFE",
            "lockfile+atomic-replace, mixed,     SAFE",
            "group-commit,            processes, SAFE",
            "group-commit,            mixed,     SAFE",
            "posix-lock-close-drops,  processes, LOSES_OR_OVERLAPS",
            "posix-lock-close-drops,  mixed,     LOSES_OR_OVERLAPS",
            "jvm-lock-only,           processes, LOSES_OR_OVERLAPS",
            "jvm-lock-only,           mixed,     LOSES_OR_OVERLAPS",
            "exists-then-create,      processes, LOSES",
            "exists-then-create,      mixed,     LOSES",
            "create-exclusive,        processes, SAFE",
            "create-exclusive,        mixed,     SAFE",
    })
    void everyRunIsJudgedAsTheStrategyDeserves(String name, String driverName, Expect expect) throws Exception {
        WriteStrategy strategy = Strategies.named(name);
        int writers = driverName.equals("processes") ? 4 : 8;
        int writes = 400 / writers;
        List<RunResult> results = lab.repeat(RUNS, driverName,
                file -> RunSpec.of(strategy, Workload.defaultFor(strategy), writers, writes, file).withPauses(WIDEN));
        for (RunResult r : results) {
            switch (expect) {
                case LOSES -> assertTrue(r.damage().loss().atLeast() > 0 || r.damage().loss().unreadableFiles() > 0,
                        "a broken pattern went uncaught: " + r);
                case LOSES_OR_OVERLAPS -> assertTrue(r.damage().loss().atLeast() > 0 || r.damage().loss().unreadableFiles() > 0 || r.observed().overlaps().count() > 0,
                        "a broken lock went uncaught: " + r);
                case SAFE -> {
                    assertEquals(Verdict.SAFE, r.judgement().verdict(), r.toString());
                    assertEquals(0, r.observed().overlaps().count(), "the lock let two writers in: " + r);
                    assertEquals(400, r.counts().acknowledged());
                    // A quarter of the run with two writers inside at once is hundreds of overlapping
                    // updates; a loaded machine that runs one process at a time gives far less.
                    assertTrue(r.timing().contention() >= 0.25, "SAFE from a run that hardly contended proves little: " + r);
                }
            }
            assertTrue(r.judgement().claimHeld(), r.toString());
        }
    }
}
