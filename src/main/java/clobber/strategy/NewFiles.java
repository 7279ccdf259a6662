package clobber.strategy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/**
 * The naming scheme of strategies that store each update as a new file of its own (the comment
 * files of the blog post "Locking for Creating and Writing Files"): {@code <file>.<epoch second>-<counter>}, the counter counting up from 0 until
 * a free name is found. Unique names are the whole problem: two writers in one second compete
 * for the same counters.
 */
public final class NewFiles {
    private NewFiles() {}

    /** The {@code counter}-th candidate name for a record written now. */
    static Path candidate(Path file, long epochSecond, int counter) {
        return file.resolveSibling(file.getFileName() + "." + epochSecond + "-" + counter);
    }

    static long nowSecond() {
        return Instant.now().getEpochSecond();
    }

    /** Every record file written for {@code file}, in no particular order. */
    public static List<Path> records(Path file) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        String prefix = file.getFileName() + ".";
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.filter(p -> {
                String name = p.getFileName().toString();
                return name.startsWith(prefix) && name.substring(prefix.length()).matches("\\d+-\\d+");
            }).toList();
        }
    }
}
