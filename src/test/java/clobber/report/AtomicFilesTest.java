package clobber.report;

import clobber.os.JavaCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * clobber's own outputs are written as it tells others to write: temp file, fsync, rename, and
 * an fsync of the directory after the rename, seen by strace in the system calls themselves.
 */
class AtomicFilesTest {

    @TempDir
    Path dir;

    /** Writes args[0] atomically with "{}": the program strace watches. */
    public static void main(String[] args) throws Exception {
        AtomicFiles.write(Path.of(args[0]), "{}".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theDirectoryIsFsyncedAfterTheRename() throws Exception {
        Path strace = Path.of("/usr/bin/strace");
        assertTrue(Files.isExecutable(strace), "strace is missing: ./clobber test installs it (apt-get install strace)");
        Path target = dir.resolve("results.json");
        Path trace = dir.resolve("trace.txt");
        List<String> command = new ArrayList<>(List.of(strace.toString(), "-f", "-qq", "-y", "-e", "trace=rename,renameat,renameat2,fsync,fdatasync",
                "-o", trace.toString()));
        command.addAll(JavaCommand.of(List.of(), null, AtomicFilesTest.class.getName(), List.of(target.toString())));
        Process p = new ProcessBuilder(command).inheritIO().start();
        assertTrue(p.waitFor(2, TimeUnit.MINUTES));
        assertEquals(0, p.exitValue());
        List<String> calls = Files.readAllLines(trace).stream()
                .filter(l -> l.contains(dir.toString())).toList();
        int rename = indexOf(calls, "rename", target.getFileName() + "\"");
        int fileFsync = indexOf(calls, "fsync(", ".results.json.");
        int dirFsync = -1;
        for (int i = rename + 1; i < calls.size() && rename >= 0; i++) {
            if (calls.get(i).contains("fsync(") && calls.get(i).contains("<" + dir.toRealPath() + ">")) {
                dirFsync = i;
                break;
            }
        }
        assertTrue(fileFsync >= 0 && fileFsync < rename, "the temp file is fsynced before the rename: " + calls);
        assertTrue(dirFsync > rename, "the directory is fsynced after the rename: " + calls);
    }

    private static int indexOf(List<String> calls, String call, String argument) {
        for (int i = 0; i < calls.size(); i++) {
            if (calls.get(i).contains(call) && calls.get(i).contains(argument)) {
                return i;
            }
        }
        return -1;
    }
}
