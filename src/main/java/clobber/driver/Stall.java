package clobber.driver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Liveness: a run whose writers complete no update for a while is stalled, and is stopped rather
 * than left to hang. What the harness can see of the cause is said with it: a lock file whose
 * owner is dead is the usual one (a pidfile-style lock left behind by a crash).
 */
public final class Stall {
    private Stall() {}

    /** Why the run in {@code directory} stalled: no progress for {@code quiet}, and what lock files say. */
    public static String diagnose(Path directory, Duration quiet) {
        List<String> causes = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path lock : files.filter(p -> p.getFileName().toString().endsWith(".lock")).sorted().toList()) {
                String content = Files.readString(lock).trim();
                if (content.matches("\\d+")) {
                    long pid = Long.parseLong(content);
                    boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
                    causes.add("lock file " + lock.getFileName() + " names pid " + pid
                            + (alive ? ", which is alive" : ", which is dead: a stale lock left by a crash"));
                }
            }
        } catch (IOException e) {
            causes.add("(could not list " + directory + ": " + e.getMessage() + ")");
        }
        return "no update completed for " + quiet.toSeconds() + " s" + (causes.isEmpty() ? "" : "; " + String.join("; ", causes));
    }
}
