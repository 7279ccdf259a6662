package clobber.report;

import clobber.check.Criterion;

import clobber.os.FileTrees;
import clobber.os.NativeFile;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * One report: {@code <root>/<timestamp>/} holding results.json, summary.md, index.html and
 * junit.xml, and {@code <root>/latest}, a symlink to the newest complete one.
 *
 * <p>Written the way clobber tells others to write, at the scale of a folder:
 * <ol>
 *   <li>every file goes into a hidden staging folder {@code .staging-<pid>-<random>}, each fsynced;</li>
 *   <li>the staging folder is fsynced and renamed to its timestamp name: rename(2) of a directory
 *       is atomic, so the timestamped folder either does not exist or holds all four files;</li>
 *   <li>a new symlink {@code .latest-<random>} is made and renamed over {@code latest}: rename(2)
 *       replaces the old link in one step, so {@code latest} always names a complete report.</li>
 * </ol>
 * A run killed at any point leaves {@code latest} on the previous report and, at worst, a hidden
 * staging folder or link, which nothing reads.
 */
public final class ReportFolder {
    public static final String LATEST = "latest";
    private static final String STAGING = ".staging-";
    /** Test hook: milliseconds to sleep with half the files staged, so a test can SIGKILL us there. */
    static final String PAUSE_PROPERTY = "clobber.report.pauseMillis";
    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm-ss'Z'");

    private ReportFolder() {}

    /** The four files of a report of {@code results}, judged by {@code criterion}. */
    public static Map<String, byte[]> files(Results results, Criterion criterion) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("results.json", results.bytes());
        files.put("summary.md", SummaryMarkdown.render(results, criterion).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        files.put("index.html", HtmlReport.render(results, criterion).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        files.put("junit.xml", JunitXml.render(results, criterion));
        return files;
    }

    /** Writes a report of {@code results} under {@code root} and points {@code latest} at it; returns its folder. */
    public static Path write(Path root, Results results, Criterion criterion) throws IOException {
        return publish(root, files(results, criterion));
    }

    static Path publish(Path root, Map<String, byte[]> files) throws IOException {
        Files.createDirectories(root);
        removeLeftovers(root);
        Path staging = Files.createDirectory(root.resolve(STAGING + ProcessHandle.current().pid() + "-" + UUID.randomUUID()));
        int written = 0;
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            AtomicFiles.writeDurably(staging.resolve(file.getKey()), file.getValue(),
                    StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            if (++written == files.size() / 2) {
                pauseForTests();
            }
        }
        NativeFile.fsyncDirectory(staging);
        Path folder = moveToFreeName(staging, root);
        NativeFile.fsyncDirectory(root);
        pointLatestAt(root, folder.getFileName());
        return folder;
    }

    /**
     * Removes the staging folders of clobbers that were killed mid-report: each is named after the
     * pid that wrote it, and a folder whose writer is gone is never going to be finished. A live
     * clobber writing into the same folder keeps its own. (A pid reused since keeps a leftover for
     * one more run: the safe way round.)
     */
    private static void removeLeftovers(Path root) throws IOException {
        try (var entries = Files.list(root)) {
            for (Path entry : entries.toList()) {
                String name = entry.getFileName().toString();
                if (!name.startsWith(STAGING) || !Files.isDirectory(entry, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                String pid = name.substring(STAGING.length()).split("-", 2)[0];
                if (pid.matches("\\d{1,10}") && ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false)) {
                    continue;
                }
                FileTrees.delete(entry);
            }
        }
    }

    /** Renames {@code staging} to the current time's name, with -2, -3... if a report already has it. */
    private static Path moveToFreeName(Path staging, Path root) throws IOException {
        String stamp = NAME.format(ZonedDateTime.now(ZoneOffset.UTC));
        for (int n = 1; ; n++) {
            Path target = root.resolve(n == 1 ? stamp : stamp + "-" + n);
            if (Files.exists(target)) {
                continue;
            }
            try {
                // Fails rather than replaces if another clobber took the name meanwhile.
                return Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
                // taken: try the next name
            }
        }
    }

    private static void pointLatestAt(Path root, Path folderName) throws IOException {
        Path link = root.resolve(".latest-" + UUID.randomUUID());
        // Relative, so the reports folder can be moved or copied whole.
        Files.createSymbolicLink(link, folderName);
        try {
            Files.move(link, root.resolve(LATEST), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(link);
        }
        NativeFile.fsyncDirectory(root);
    }

    private static void pauseForTests() {
        long millis = Long.getLong(PAUSE_PROPERTY, 0);
        if (millis > 0) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
