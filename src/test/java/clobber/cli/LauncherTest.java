package clobber.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code ./clobber} launcher: its one-line errors, and what its help lists. */
class LauncherTest {

    private record Result(int exit, String out, String err) {}

    private static Result launch(Map<String, String> env, String... args) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(new java.util.ArrayList<>(List.of("bash", "clobber")));
        builder.command().addAll(List.of(args));
        builder.environment().putAll(env);
        Process p = builder.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(2, TimeUnit.MINUTES));
        return new Result(p.exitValue(), out, err);
    }

    @Test
    void withoutAJdk25TheErrorNamesTheUsersJavaHome() throws Exception {
        Result r = launch(Map.of("JAVA_HOME", "/opt/no-such-jdk", "CLOBBER_JDK_ROOTS", "/nonexistent/*"), "list");
        assertEquals(2, r.exit());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains("JAVA_HOME=/opt/no-such-jdk is not one"), r.err());
    }

    @Test
    void badRoundsAreRefusedBeforeAnyBuild() throws Exception {
        for (String rounds : List.of("0", "two", "-1", "1000")) {
            Result r = launch(Map.of(), "bench", "--rounds", rounds);
            assertEquals(2, r.exit(), rounds);
            assertEquals("clobber: --rounds takes a whole number from 1 to 100, not '" + rounds + "'\n", r.err());
        }
    }

    @Test
    void helpListsTheLaunchersOwnCommands() throws Exception {
        ClobberProcess p = ClobberProcess.run(java.nio.file.Files.createTempDirectory("clobber-help"), "--help");
        assertEquals(0, p.exit());
        for (String command : List.of("  test ", "  jcstress ", "  bench ")) {
            assertTrue(p.out().contains(command), command + " missing from:\n" + p.out());
        }
    }
}
