package clobber.cli;

import clobber.driver.Pause;
import clobber.os.LockPrimitive;
import clobber.strategy.WriteStrategy;
import clobber.workload.Workload;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The options shared by {@code run} and {@code matrix}. */
final class RunOptions {

    @Option(names = "--workload", description = "keys (each update adds a unique key), counter (each update increments one number) or create (each update is a new record file). Default: create for strategies that write new files, keys for the others.")
    String workload;

    @Option(names = "--writers", defaultValue = "50", description = "Concurrent writers. Default: ${DEFAULT-VALUE}.")
    int writers;

    @Option(names = "--writes", defaultValue = "20", description = "Updates per writer. Default: ${DEFAULT-VALUE}.")
    int writes;

    @Option(names = "--lock", description = "Lock primitive for strategies that take a lock: flock (default), posix, ofd, channel.")
    String lock;

    @Option(names = "--pause", paramLabel = "STEP:MICROS", description = "Widen a race window: every writer sleeps MICROS at STEP (after-lock, after-read, after-truncate, mid-write, before-rename, before-unlock).")
    List<String> pauses = List.of();

    @Option(names = "--processes", defaultValue = "4", description = "Worker JVMs for the mixed driver; the writers are spread over them as threads. Default: ${DEFAULT-VALUE}.")
    int processes;

    @Option(names = "--runs", defaultValue = "1", description = "Repeat each run this many times. Default: ${DEFAULT-VALUE}.")
    int runs;

    @Option(names = "--timeout", defaultValue = "120", description = "Seconds a run may take before it is stopped and reported STALLED. Default: ${DEFAULT-VALUE}.")
    int timeoutSeconds;

    @Option(names = "--dir", description = "Scratch directory for the runs' files: must be empty or absent; kept afterwards. Default: a temp directory, deleted afterwards.")
    Path dir;

    @Option(names = "--json", description = "Write the result JSON here (atomically).")
    Path json;

    /** Checks every number and path before anything is written. */
    void validate() {
        requireRange("--writers", writers, 1, 10_000);
        requireRange("--writes", writes, 1, 10_000_000);
        requireRange("--runs", runs, 1, 100_000);
        requireRange("--processes", processes, 1, 256);
        requireRange("--timeout", timeoutSeconds, 1, 86_400);
        if (json != null) {
            if (Files.isDirectory(json)) {
                throw new BadInput("--json " + json + " is a directory; give a file name");
            }
            Path parent = json.toAbsolutePath().getParent();
            if (Files.exists(parent) && !Files.isWritable(parent)) {
                throw new BadInput("--json: directory " + parent + " is not writable");
            }
        }
    }

    private static void requireRange(String option, long value, long min, long max) {
        if (value < min || value > max) {
            throw new BadInput(option + " must be between " + min + " and " + max + ", not " + value);
        }
    }

    /** The chosen workload, or null for each strategy's own. */
    Workload workload() {
        return workload == null ? null : Workload.named(workload);
    }

    /** {@code strategy} with the chosen lock, if one was chosen. */
    WriteStrategy withLock(WriteStrategy strategy) {
        return lock == null ? strategy : strategy.withLock(LockPrimitive.named(lock));
    }

    List<Pause> pauses() {
        return pauses.stream().map(Pause::parse).toList();
    }

    Duration timeout() {
        return Duration.ofSeconds(timeoutSeconds);
    }
}
