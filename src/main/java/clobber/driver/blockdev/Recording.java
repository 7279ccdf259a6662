package clobber.driver.blockdev;

import java.nio.file.Path;
import java.util.List;

/**
 * What a recording holds: the image as it was when the recording started ({@code base}, sparse),
 * the log of every block write, flush and mark since, in the device's order ({@code entries},
 * whose written bytes are in {@code logFile}), and what it takes to mount a crash state
 * ({@code spec}, {@code imageBytes}).
 */
public record Recording(FsSpec spec, long imageBytes, Path base, Path logFile, List<LogEntry> entries) {

    public Recording {
        entries = List.copyOf(entries);
    }

    /** The block writes the device took. */
    public List<LogEntry.Write> writes() {
        return entries.stream().filter(LogEntry.Write.class::isInstance).map(LogEntry.Write.class::cast).toList();
    }

    /** How many entries are of {@code type}. */
    public long count(Class<? extends LogEntry> type) {
        return entries.stream().filter(type::isInstance).count();
    }
}
