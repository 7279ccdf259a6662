package clobber.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's commands do what it says: each {@code ./clobber} line that runs in seconds exits
 * as its {@code # exit N} comment promises, with no stack trace. The long ones are run elsewhere:
 * {@code matrix} by {@link RunAndMatrixTest} and the browser test, {@code test} by CI itself. The
 * commands on a real file system of clobber's own hold that resource alone; the others run beside
 * whatever else runs.
 */
class ReadmeTest {
    private static final Path README = Path.of("README.md");
    private static final Set<String> RUN_ELSEWHERE = Set.of("matrix", "test");
    private static final Predicate<DocCommands.Command> ON_A_REAL_FILE_SYSTEM =
            command -> command.args().contains("--fs") || command.args().contains("faults");

    @TempDir
    Path sandbox;

    @Test
    void everyQuickCommandInTheReadmeExitsAsItSays() throws Exception {
        List<DocCommands.Command> commands = DocCommands.in(README).commands();
        assertTrue(commands.size() >= 10, commands.toString());
        for (DocCommands.Command command : commands) {
            if (command.exit() < 0) {
                assertTrue(command.args().size() == 1 && RUN_ELSEWHERE.contains(command.args().getFirst()),
                        "a quick README command ends with '# exit N': " + command.line());
            } else if (!ON_A_REAL_FILE_SYSTEM.test(command)) {
                exitsAsItSays(command);
            }
        }
    }

    @Test
    @ResourceLock(clobber.SharedResources.REAL_FILE_SYSTEMS)
    void everyQuickCommandOnARealFileSystemExitsAsItSays() throws Exception {
        List<DocCommands.Command> onOne = DocCommands.in(README).commands().stream()
                .filter(command -> command.exit() >= 0).filter(ON_A_REAL_FILE_SYSTEM).toList();
        assertFalse(onOne.isEmpty(), "the README shows a real file system");
        for (DocCommands.Command command : onOne) {
            exitsAsItSays(command);
        }
    }

    private void exitsAsItSays(DocCommands.Command command) throws Exception {
        Path cwd = Files.createTempDirectory(sandbox, "cwd");
        ClobberProcess p = ClobberProcess.run(cwd, command.args().toArray(String[]::new));
        assertEquals(command.exit(), p.exit(), command.line() + "\n" + p.out() + p.err());
        assertFalse(p.err().contains("\tat "), "no stack trace: " + p.err());
        p.assertNoSurvivor(command.line() + " left a process behind");
    }
}
