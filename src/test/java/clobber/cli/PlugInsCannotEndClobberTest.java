package clobber.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No end of a JVM that clobber did not decide passes a run: a plug-in that calls System.exit(0) or
 * Runtime.halt(0), or eats its heap, under the threads and readers drivers ends the worker JVM its
 * writer threads run in, and the cell fails (exit 1, with its table, FAILS line and report); where
 * a plug-in runs in clobber's own JVM, its System.exit is clobber's failure, exit 3, in one line.
 */
class PlugInsCannotEndClobberTest {
    private static final String[] SMALL = {"--writers", "4", "--writes", "10", "--report", "reports"};

    @TempDir
    Path cwd;

    private ClobberProcess gate(Class<?> plugIn, String drivers) throws Exception {
        String[] args = new String[5 + SMALL.length];
        System.arraycopy(new String[] {"gate", "--strategy", plugIn.getName(), "--drivers", drivers}, 0, args, 0, 5);
        System.arraycopy(SMALL, 0, args, 5, SMALL.length);
        return ClobberProcess.run(cwd, args);
    }

    private void failsWithItsFigures(ClobberProcess p, String name, String driver, String note) throws Exception {
        assertEquals(1, p.exit(), p.out() + p.err());
        assertTrue(p.out().contains("FAILS: " + name + " under " + driver + ": ERRORS in 1/1 run"), p.out());
        assertTrue(p.out().contains(note), "'" + note + "' in: " + p.out());
        assertTrue(Files.exists(cwd.resolve("reports/latest/junit.xml")), "the report is written");
        assertFalse(p.err().contains("\tat "), p.err());
        p.assertNoSurvivor("a worker outlived clobber");
    }

    @Test
    void systemExitUnderThreadsAndReadersFailsTheCell() throws Exception {
        ClobberProcess p = gate(HostilePlugIns.ExitsInUpdate.class, "threads,readers");
        failsWithItsFigures(p, "exitsinupdate", "threads", "exited with code 0");
        assertTrue(p.out().contains("FAILS: exitsinupdate under readers: ERRORS"), p.out());
    }

    @Test
    void runtimeHaltUnderThreadsFailsTheCell() throws Exception {
        failsWithItsFigures(gate(HostilePlugIns.HaltsInUpdate.class, "threads"), "haltsinupdate", "threads", "exited with code 0");
    }

    @Test
    void anExhaustedHeapUnderThreadsIsTheStrategysErrorNotAStall() throws Exception {
        failsWithItsFigures(gate(HostilePlugIns.LeaksMemory.class, "threads"), "leaksmemory", "threads", "java.lang.OutOfMemoryError");
    }

    @Test
    void systemExitInClobbersOwnJvmIsClobbersFailureInOneLine() throws Exception {
        for (String[] args : new String[][] {
                {"explore", "--strategy", HostilePlugIns.ExitsInUpdate.class.getName(), "--report", "reports"},
                {"run", "--strategy", HostilePlugIns.ExitsWhenMade.class.getName(), "--report", "reports"}}) {
            ClobberProcess p = ClobberProcess.run(cwd, args);
            assertEquals(3, p.exit(), p.out() + p.err());
            assertEquals(1, p.err().lines().filter(l -> l.startsWith("clobber: ")).count(), p.err());
            assertTrue(p.err().contains("called System.exit in clobber's own JVM"), p.err());
            p.assertNoSurvivor("a worker outlived clobber");
        }
    }
}
