package clobber.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code clobber gate}: 0 for a safe strategy, 1 with the figures for one that loses writes, 2 for bad input. */
class GateTest {
    private static final String[] SMALL = {"--writers", "8", "--writes", "20", "--runs", "2", "--report", "reports"};

    @TempDir
    Path cwd;

    @Test
    void theShippedSafeStrategyPassesUnderEveryDriverItClaims() throws Exception {
        ClobberProcess p = gate("--strategy", "lockfile+atomic-replace", "--drivers", "threads,processes");
        assertEquals(0, p.exit(), p.out() + p.err());
        assertTrue(p.out().contains("SAFE"), p.out());
        assertTrue(Files.exists(cwd.resolve("reports/latest/junit.xml")), "the gate writes a report for CI to read");
    }

    @Test
    void aPlugInThatClaimsSafetyButTakesNoLockFailsWithItsFigures() throws Exception {
        ClobberProcess p = gate("--strategy", MisclaimedNoLock.class.getName(), "--pause", "after-read:300");
        assertEquals(1, p.exit(), p.out() + p.err());
        assertTrue(p.out().matches("(?s).*FAILS: misclaimed-no-lock under threads: LOST_WRITES in 2/2 runs; lost [1-9][0-9]* of [0-9]+ acknowledged writes.*"), p.out());
    }

    @Test
    void theGateIgnoresClaimsAStrategyThatAdmitsLosingWritesStillFails() throws Exception {
        // run and matrix accept no-lock's losses (it claims nothing); a gate does not.
        ClobberProcess p = gate("--strategy", "no-lock", "--pause", "after-read:300");
        assertEquals(1, p.exit(), p.out() + p.err());
        assertTrue(p.out().contains("FAILS: no-lock under threads"), p.out());
    }

    /** An Error is a failed update of the strategy, under threads and in worker processes alike: counted, quoted, gate fails. */
    @Test
    void aPlugInThatThrowsAnErrorFailsTheGateUnderThreadsAndProcesses() throws Exception {
        for (String driver : new String[] {"threads", "processes"}) {
            ClobberProcess p = gate("--strategy", ThrowsAssertionError.class.getName(), "--drivers", driver);
            assertEquals(1, p.exit(), driver + ": " + p.out() + p.err());
            assertTrue(p.out().contains("FAILS: throws-assertion-error under " + driver + ": ERRORS in 2/2 runs"), p.out());
            assertTrue(p.out().contains("; 0 of 0 acknowledged writes") || p.out().contains("lost 0 of 0"), p.out());
            String junit = Files.readString(cwd.resolve("reports/latest/junit.xml"));
            assertTrue(junit.contains("AssertionError: invariant broken"), "the first error is quoted: " + junit);
        }
    }

    @Test
    void aMissingClassIsOneLineAndExitTwo() throws Exception {
        ClobberProcess p = gate("--strategy", "com.example.NoSuchStrategy");
        assertEquals(2, p.exit(), p.err());
        assertEquals(1, p.err().lines().count(), p.err());
        assertTrue(p.err().startsWith("clobber: unknown strategy 'com.example.NoSuchStrategy'"), p.err());
        assertEquals("", p.out());
        assertTrue(Files.notExists(cwd.resolve("reports")), "bad input writes nothing");
    }

    private ClobberProcess gate(String... args) throws Exception {
        String[] all = new String[1 + args.length + SMALL.length];
        all[0] = "gate";
        System.arraycopy(args, 0, all, 1, args.length);
        System.arraycopy(SMALL, 0, all, 1 + args.length, SMALL.length);
        return ClobberProcess.run(cwd, all);
    }
}
