package clobber.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A plug-in that cannot be used is named with what is wrong with it, in one line, exit 2; and it
 * spoils only itself: the shipped strategies still run beside a broken registration.
 */
class PlugInLoadingTest {

    @TempDir
    Path sandbox;

    /** A class path holding nothing but a registration of {@code strategies}, whose classes clobber's test class path has. */
    private Path registering(String... strategies) throws Exception {
        Path services = Files.createDirectories(sandbox.resolve("registry/META-INF/services"));
        Files.writeString(services.resolve("clobber.strategy.WriteStrategy"), String.join("\n", strategies) + "\n");
        return sandbox.resolve("registry");
    }

    private ClobberProcess clobber(String... args) throws Exception {
        Path cwd = Files.createDirectories(sandbox.resolve("cwd-" + System.nanoTime()));
        return ClobberProcess.run(cwd, args);
    }

    private static void refusedInOneLine(ClobberProcess p, String expected) {
        assertEquals(2, p.exit(), p.out() + p.err());
        assertEquals(1, p.err().lines().count(), p.err());
        assertTrue(p.err().startsWith("clobber: "), p.err());
        assertTrue(p.err().contains(expected), "'" + expected + "' in: " + p.err());
        assertEquals("", p.out());
    }

    @Test
    void aConstructorThatThrowsIsSaidToThrowNotToBeMissing() throws Exception {
        refusedInOneLine(clobber("run", "--strategy", HostilePlugIns.ThrowingConstructor.class.getName()),
                "HostilePlugIns$ThrowingConstructor: its constructor threw java.lang.IllegalStateException: no configuration file");
    }

    @Test
    void aRegisteredPlugInWhoseConstructorThrowsSpoilsOnlyItself() throws Exception {
        Path registry = registering(HostilePlugIns.ThrowingConstructor.class.getName());
        ClobberProcess shipped = clobber("run", "--strategy", "no-lock", "--classpath", registry.toString(),
                "--writers", "2", "--writes", "5", "--report", "reports");
        assertEquals(0, shipped.exit(), shipped.out() + shipped.err());
        refusedInOneLine(clobber("matrix", "--classpath", registry.toString(), "--drivers", "threads", "--report", "reports"),
                "could not be instantiated, because java.lang.IllegalStateException: no configuration file");
    }

    @Test
    void aPlugInThatTakesAShippedStrategysNameIsRefusedNotShadowing() throws Exception {
        String refusal = "HostilePlugIns$CalledNoLock calls itself 'no-lock', the name of clobber.strategy.NoLock";
        Path registry = registering(HostilePlugIns.CalledNoLock.class.getName());
        refusedInOneLine(clobber("matrix", "--classpath", registry.toString(), "--drivers", "threads", "--report", "reports"), refusal);
        refusedInOneLine(clobber("run", "--strategy", "no-lock", "--classpath", registry.toString(), "--report", "reports"), refusal);
        refusedInOneLine(clobber("run", "--strategy", HostilePlugIns.CalledNoLock.class.getName(), "--report", "reports"), refusal);
    }
}
