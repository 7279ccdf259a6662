package clobber.cli;

import clobber.strategy.Strategies;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's tables of strategies, locks, drivers and verdicts are the ones the code makes
 * ({@code ./clobber list --markdown}): a claim, a lock, a driver or a verdict that changes in code
 * and not in the README fails here, naming the table to paste.
 */
class ReadmeTablesTest {

    @Test
    void theReadmeHoldsEveryTableAsTheCodeMakesIt() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        assertHolds(readme, "strategies", ReferenceTables.strategies(Strategies.all()));
        assertHolds(readme, "locks", ReferenceTables.locks());
        assertHolds(readme, "drivers", ReferenceTables.drivers());
        assertHolds(readme, "verdicts", ReferenceTables.verdicts());
    }

    private static void assertHolds(String readme, String what, String table) {
        assertTrue(readme.contains(table), "the README's table of " + what
                + " differs from the code's; paste the output of ./clobber list --markdown:\n" + table);
    }
}
