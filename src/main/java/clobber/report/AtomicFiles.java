package clobber.report;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.ByteBuffer;
import clobber.os.NativeFile;
import clobber.os.ReplacementFile;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * clobber's own outputs are written the way it tells others to write: a temp file beside the
 * target (with the target's mode), fsynced, renamed over it, the directory fsynced so that the
 * rename survives a power cut. A run killed mid-write leaves the old file or the new one, never a
 * part (a stray temp file at worst).
 *
 * <p>A rename replaces whatever has the target's name, so only a regular file, or a name nothing
 * has yet, is written this way: a device ({@code /dev/full}), a pipe, a symlink (to
 * {@code /proc/self/fd/1}, say) is refused, not replaced by a file of clobber's.
 */
public final class AtomicFiles {
    private AtomicFiles() {}

    public static void write(Path target, byte[] bytes) throws IOException {
        String why = unwritable(target, false);
        if (why != null) {
            throw new IOException(target + ": " + why);
        }
        Path absolute = target.toAbsolutePath();
        Path directory = absolute.getParent();
        Files.createDirectories(directory);
        Path temp = ReplacementFile.beside(absolute, "." + absolute.getFileName() + ".");
        try {
            writeDurably(temp, bytes, StandardOpenOption.WRITE);
            Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE);
            NativeFile.fsyncDirectory(directory);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * Why {@link #write} could not write {@code target}, or null if it can: it must be a regular file
     * or a new name, under a directory (or where one can be made). A file is made and removed where
     * it would go, to find out: some places (under {@code /proc}) pass every test of their mode and
     * still refuse.
     */
    public static String unwritable(Path target) {
        return unwritable(target, true);
    }

    private static String unwritable(Path target, boolean probe) {
        if (target.toString().isEmpty()) {
            return "an empty path; give a file name";
        }
        Path absolute = target.toAbsolutePath().normalize();
        if (Files.exists(absolute, LinkOption.NOFOLLOW_LINKS)) {
            if (Files.isSymbolicLink(absolute)) {
                return "is a symbolic link, which a rename would replace; give the file it names, or a new name";
            }
            if (Files.isDirectory(absolute, LinkOption.NOFOLLOW_LINKS)) {
                return "is a directory; give a file name";
            }
            if (!Files.isRegularFile(absolute, LinkOption.NOFOLLOW_LINKS)) {
                return "is not a regular file (a device, a pipe or a socket), which a rename would replace; give a file name";
            }
        }
        Path existing = absolute.getParent();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || !Files.isDirectory(existing)) {
            return (existing == null ? "no directory" : existing + " is not a directory") + " to write it in";
        }
        if (!probe) {
            return null;
        }
        try {
            if (existing.equals(absolute.getParent())) {
                Files.delete(ReplacementFile.beside(absolute, "." + absolute.getFileName() + ".probe-"));
            } else {
                Files.delete(Files.createTempDirectory(existing, ".clobber-probe-"));
            }
            return null;
        } catch (IOException | SecurityException e) {
            return "cannot be created in " + existing + " (" + reason(e) + ")";
        }
    }

    /** What a failed file operation says, without the Java class around it: "Permission denied". */
    static String reason(Exception e) {
        String message = e.getMessage();
        String kind = e.getClass().getSimpleName().replace("Exception", "");
        return message == null ? kind : kind + ": " + message.lines().findFirst().orElse("");
    }

    /** Writes all of {@code bytes} to {@code file}, opened with {@code options}, and fsyncs it. */
    static void writeDurably(Path file, byte[] bytes, OpenOption... options) throws IOException {
        try (FileChannel out = FileChannel.open(file, options)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
            out.force(true);
        }
    }
}
