package clobber.cli;

import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where {@code run}, {@code matrix} and {@code gate} write their report folders. */
final class ReportOptions {

    @Option(names = "--report", paramLabel = "DIR", defaultValue = "reports",
            description = "Write the report folder (results.json, summary.md, index.html, junit.xml) under DIR/<timestamp>/ and point DIR/latest at it. Default: ${DEFAULT-VALUE}.")
    Path root;

    /** Refuses a DIR that could not be written, before anything runs: bad input writes nothing. */
    void validate() {
        if (Files.exists(root) && !Files.isDirectory(root)) {
            throw new BadInput("--report " + root + " is not a directory");
        }
        Path existing = root.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || !Files.isDirectory(existing) || !Files.isWritable(existing)) {
            throw new BadInput("--report: cannot create or write " + root + " (" + existing + " is not a writable directory)");
        }
    }
}
