package clobber.junit;

import clobber.strategy.WriteStrategy;

import java.util.Objects;

/**
 * clobber as assertions, for a test suite of one's own: no command line, no launcher, a failed
 * assertion where {@code clobber gate} would exit 1.
 *
 * <pre>{@code
 * import static clobber.junit.ClobberAssertions.assertThat;
 *
 * @Test
 * void survivesThreadsAndProcesses() {
 *     assertThat(new MyStrategy()).survives(Condition.THREADS, Condition.PROCESSES);
 * }
 * }</pre>
 *
 * Each assertion runs the strategy under clobber's drivers, writes the usual report folder
 * ({@code target/clobber-reports/<timestamp>/}, and {@code latest}), and on failure throws
 * {@link org.opentest4j.AssertionFailedError}, the exception JUnit Jupiter, IDEs and build tools
 * report as a failed assertion, its message holding the table of runs and the story of one lost
 * write. See {@link StrategyAssert} for what is asserted and how it is sized.
 */
public final class ClobberAssertions {
    private ClobberAssertions() {}

    /** Assertions about {@code strategy}, with 8 writers of 125 updates each, one run per driver. */
    public static StrategyAssert assertThat(WriteStrategy strategy) {
        return StrategyAssert.of(Objects.requireNonNull(strategy, "strategy"));
    }
}
