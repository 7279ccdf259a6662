package clobber.cli;

import clobber.report.ReportFolder;
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
        if (root.toString().isEmpty()) {
            throw new BadInput("--report is an empty path; give a directory");
        }
        if (Files.exists(root) && !Files.isDirectory(root)) {
            throw new BadInput("--report " + root + " is not a directory");
        }
        String unusable = Files.isDirectory(root) ? ReportFolder.unusable(root) : null;
        if (unusable != null) {
            throw new BadInput("--report " + root + ": " + unusable);
        }
        Path existing = root.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || !Files.isDirectory(existing) || !Files.isWritable(existing)) {
            throw new BadInput("--report: cannot create or write " + root + " (" + existing + " is not a writable directory)");
        }
    }

    /** The topmost directory {@link #create()} made, to be removed again if a later check fails. */
    private Path created;

    /** Creates DIR, a check of its own: some places (under /proc, say) pass every test above and still refuse. */
    void create() {
        Path topmost = null;
        for (Path p = root.toAbsolutePath(); p != null && !Files.exists(p); p = p.getParent()) {
            topmost = p;
        }
        try {
            Files.createDirectories(root);
            created = topmost;
        } catch (java.io.IOException e) {
            throw new BadInput("--report: cannot create " + root + " (" + e.getClass().getSimpleName().replace("Exception", "") + ")");
        }
    }

    /** Bad input writes nothing: removes what {@link #create()} made, while it is still empty. */
    void uncreate() {
        for (Path p = root.toAbsolutePath(); created != null && p != null && p.startsWith(created); p = p.getParent()) {
            try {
                Files.deleteIfExists(p);
            } catch (java.io.IOException e) {
                return; // not empty after all: keep it
            }
        }
    }
}
