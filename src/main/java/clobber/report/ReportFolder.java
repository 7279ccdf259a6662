package clobber.report;

import clobber.check.Criterion;

import clobber.os.FileTrees;
import clobber.os.NativeFile;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
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
 *   <li>every file goes into a hidden staging folder {@code .clobber-staging-<pid>-<uuid>}, each fsynced;</li>
 *   <li>the staging folder is fsynced and renamed to its timestamp name: rename(2) of a directory
 *       is atomic, so the timestamped folder either does not exist or holds all four files;</li>
 *   <li>a new symlink {@code .latest-<random>} is made and renamed over {@code latest}: rename(2)
 *       replaces the old link in one step, so {@code latest} always names a complete report.</li>
 * </ol>
 * A run killed at any point leaves {@code latest} on the previous report and, at worst, a hidden
 * staging folder or link, which nothing reads.
 *
 * <p>The folder may hold the user's files too: clobber removes only staging folders it can tell
 * are its own (its name for them, a dead writer's pid, a UUID, nothing inside but report files),
 * and moves {@code latest} only while it is a symlink to a name in the folder, as clobber makes it.
 */
public final class ReportFolder {
    public static final String LATEST = "latest";
    private static final String STAGING = ".clobber-staging-";
    private static final java.util.regex.Pattern STAGED = java.util.regex.Pattern.compile(
            java.util.regex.Pattern.quote(STAGING) + "(\\d{1,10})-\\p{XDigit}{8}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{12}");
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

    /**
     * Why no report can be published under {@code root}, or null: its {@code latest} is something
     * other than clobber's symlink (a directory, a file, a link elsewhere), which clobber would
     * have to replace.
     */
    public static String unusable(Path root) {
        Path latest = root.resolve(LATEST);
        if (!Files.exists(latest, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        if (!Files.isSymbolicLink(latest)) {
            return latest + " is " + (Files.isDirectory(latest, LinkOption.NOFOLLOW_LINKS) ? "a directory" : "a file")
                    + ", not the symlink clobber keeps there; move it away";
        }
        try {
            Path target = Files.readSymbolicLink(latest);
            if (target.getNameCount() != 1 || target.isAbsolute()) {
                return latest + " links to " + target + ", not to a report beside it: not clobber's link; move it away";
            }
        } catch (IOException e) {
            return latest + " cannot be read (" + AtomicFiles.reason(e) + ")";
        }
        return null;
    }

    static Path publish(Path root, Map<String, byte[]> files) throws IOException {
        Files.createDirectories(root);
        String why = unusable(root);
        if (why != null) {
            throw new IOException(why);
        }
        removeLeftovers(root, files.keySet());
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
     * one more run: the safe way round.) Anything else, however it is named, is not clobber's.
     */
    private static void removeLeftovers(Path root, java.util.Set<String> names) throws IOException {
        try (var entries = Files.list(root)) {
            for (Path entry : entries.toList()) {
                java.util.regex.Matcher staged = STAGED.matcher(entry.getFileName().toString());
                if (!staged.matches() || !Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)
                        || ProcessHandle.of(Long.parseLong(staged.group(1))).map(ProcessHandle::isAlive).orElse(false)
                        || !holdsOnly(entry, names)) {
                    continue;
                }
                FileTrees.delete(entry);
            }
        }
    }

    /** Whether {@code folder} holds nothing but regular files of these {@code names}: a report's. */
    private static boolean holdsOnly(Path folder, java.util.Set<String> names) throws IOException {
        try (var entries = Files.list(folder)) {
            return entries.allMatch(f -> names.contains(f.getFileName().toString()) && Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS));
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
