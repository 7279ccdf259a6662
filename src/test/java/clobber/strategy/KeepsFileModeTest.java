package clobber.strategy;

import clobber.workload.Keys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A strategy that replaces the data file by rename must leave it with the mode it had: a temp
 * file is born 0600, and renaming it over a 0644 file would make the data private to its writer.
 */
class KeepsFileModeTest {

    @TempDir
    Path dir;

    @Test
    void everyStrategyLeavesTheDataFileWithTheModeItHad() throws Exception {
        int n = 0;
        for (WriteStrategy strategy : Strategies.all()) {
            if (strategy.createsNewFiles()) {
                continue;
            }
            for (String mode : List.of("rw-r--r--", "rw-r-----", "rw-rw-r--")) {
                Path file = Files.createDirectory(dir.resolve("s" + n++)).resolve("data.json");
                new Keys().prepare(file);
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
                for (int seq = 0; seq < 3; seq++) {
                    strategy.update(file, new Keys().update(0, seq), StepHook.NONE);
                }
                assertEquals(mode, PosixFilePermissions.toString(Files.getPosixFilePermissions(file)), strategy.name());
            }
        }
    }

    /** The reference writers others copy, in Python and in shell, keep it too. */
    @Test
    void theReferenceWritersLeaveTheDataFileWithTheModeItHad() throws Exception {
        for (List<String> writer : List.of(List.of("python3", "src/main/writers/python/atomic_json_update.py"),
                List.of("sh", "src/main/writers/shell/flock_writer.sh"))) {
            Path file = Files.createDirectory(dir.resolve("w" + writer.getFirst())).resolve("data.json");
            new Keys().prepare(file);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
            List<String> command = new java.util.ArrayList<>(writer);
            command.addAll(List.of(file.toString(), "0", "3"));
            Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            p.getOutputStream().write("go\n".getBytes());
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes());
            assertEquals(0, p.waitFor(), out);
            assertEquals("ready\n", out.lines().findFirst().orElse("") + "\n");
            assertEquals(3, Documents.read(file).size(), out);
            assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)), writer.toString());
        }
    }
}
