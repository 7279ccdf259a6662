package clobber.os;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The temp file that an atomic replace writes and renames over its target. Its permissions are
 * the target's: {@code Files.createTempFile} (like C's {@code mkstemp} and Python's
 * {@code tempfile.mkstemp}) makes a file 0600, and a rename moves that mode onto the data file, so
 * a "safe" update would quietly make a world-readable file private to its writer. Where the
 * target does not exist yet, the temp file gets what any new file gets, 0666 less the umask.
 */
public final class ReplacementFile {
    private static final Set<PosixFilePermission> NEW_FILE = PosixFilePermissions.fromString("rw-rw-rw-");

    private ReplacementFile() {}

    /** A new, empty file beside {@code target}, named {@code <prefix><random>.tmp}, with {@code target}'s mode. */
    public static Path beside(Path target, String prefix) throws IOException {
        Path directory = target.toAbsolutePath().getParent();
        Set<PosixFilePermission> mode;
        try {
            mode = Files.getPosixFilePermissions(target);
        } catch (NoSuchFileException e) {
            // Created 0666 through the umask, as open(O_CREAT, 0666) would make it.
            return Files.createTempFile(directory, prefix, ".tmp", PosixFilePermissions.asFileAttribute(NEW_FILE));
        }
        Path temp = Files.createTempFile(directory, prefix, ".tmp");
        Files.setPosixFilePermissions(temp, mode); // a chmod, which the umask does not narrow
        return temp;
    }
}
