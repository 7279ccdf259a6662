package dev.clobber.atomicjson;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The data file and the two halves of replacing it. It is always read by name, through a
 * descriptor of its own: the file is replaced by rename on every commit, so a descriptor kept open
 * would read an inode that is no longer the file. It is replaced in two steps, so that the steps
 * between them can be observed: {@link #writeTemp} puts the new document on disk under a name of
 * its own, {@link #renameOver} makes it the file, atomically and durably.
 */
final class DataFile {
    private static final Set<PosixFilePermission> NEW_FILE = PosixFilePermissions.fromString("rw-rw-rw-");

    /** How the bytes of a file are read: {@link Files#readAllBytes}, or a test's. */
    @FunctionalInterface
    interface Reader {
        byte[] read(Path file) throws IOException;
    }

    /**
     * File systems of one kernel, whose names every process sees the same at once: a listing
     * before each read would only cost time there. Any other (nfs, fuse.glusterfs, ceph, cifs, 9p,
     * ...) may serve a client a name another client has replaced.
     */
    private static final Set<String> LOCAL = Set.of("ext2", "ext3", "ext4", "xfs", "btrfs", "tmpfs", "f2fs", "zfs",
            "jfs", "reiserfs", "bcachefs", "vfat", "exfat", "ramfs");

    private final Path path;
    private final Reader reader;
    /** Whether names must be looked up again before each read; null until the first read asks. */
    private Boolean shared;

    DataFile(Path path, Reader reader) {
        this.path = path.toAbsolutePath().normalize();
        this.reader = reader;
    }

    Path path() {
        return path;
    }

    /** {@code <file>.lock}: never renamed or deleted, so every writer locks one inode for the life of the data file. */
    Path lockFile() {
        return path.resolveSibling(path.getFileName() + ".lock");
    }

    /** How many times a read meets a stale file handle before the error is the caller's. */
    private static final int STALE_ATTEMPTS = 10;

    /**
     * The document the file holds; a missing file is {@code {}}. The directory is listed first,
     * unless it is on a local file system. On a file system several machines mount (GlusterFS, NFS) this client may still map the name to
     * the inode that another client's rename replaced, and so read the replaced document (clobber
     * measured it in 199 of 200 opens within a second of the other client's rename on GlusterFS)
     * or fail with ESTALE, "Stale file handle", where the server no longer knows that inode. A
     * listing comes from the server and refreshes every name in the directory, so the open that
     * follows finds the file the last writer renamed into place. An ESTALE that still happens is
     * met by listing and opening again. Reopening alone is not enough: it mends the error and
     * misses the stale read.
     */
    ObjectNode read() throws IOException {
        byte[] bytes;
        for (int attempt = 1; ; attempt++) {
            refreshNames();
            try {
                bytes = readBytes();
                break;
            } catch (IOException e) {
                if (!stale(e) || attempt == STALE_ATTEMPTS) {
                    throw e;
                }
            }
        }
        return bytes == null ? StrictJson.empty() : StrictJson.parse(path, bytes);
    }

    /**
     * Lists the data file's directory, which makes a network file system's client look its names
     * up again; on a local file system, where that cannot matter, it does nothing.
     */
    private void refreshNames() throws IOException {
        Path directory = path.getParent();
        if (shared == null) {
            shared = !LOCAL.contains(Files.getFileStore(directory).type());
        }
        if (shared) {
            try (DirectoryStream<Path> names = Files.newDirectoryStream(directory)) {
                names.forEach(name -> { });
            }
        }
    }

    private byte[] readBytes() throws IOException {
        try {
            return reader.read(path);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private static boolean stale(IOException e) {
        return e.getMessage() != null && e.getMessage().contains("Stale file handle");
    }

    /**
     * A new file beside the data file, {@code <file>.<random>.tmp}, holding {@code bytes}, fsynced,
     * with the data file's permission bits: a temp file is born 0600, and renamed as it is it would
     * make the data private to its writer. Where there is no data file yet, it gets what any new
     * file gets, 0666 less the umask.
     */
    Path writeTemp(byte[] bytes) throws IOException {
        Path directory = path.getParent();
        String prefix = path.getFileName() + ".";
        Path temp;
        try {
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(path);
            temp = Files.createTempFile(directory, prefix, ".tmp");
            Files.setPosixFilePermissions(temp, mode); // a chmod, which the umask does not narrow
        } catch (NoSuchFileException e) {
            temp = Files.createTempFile(directory, prefix, ".tmp", PosixFilePermissions.asFileAttribute(NEW_FILE));
        }
        try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
            out.force(true);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        return temp;
    }

    /**
     * Renames {@code temp} over the data file (rename(2): a reader or a crash sees the old
     * document or the new, never a part of either) and fsyncs the directory: until then a power
     * cut may bring back the old directory entry, since a rename is durable only with its
     * directory. On Linux a directory opened read-only can be fsynced, as Lucene does.
     */
    void renameOver(Path temp) throws IOException {
        Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE);
        try (FileChannel directory = FileChannel.open(path.getParent(), StandardOpenOption.READ)) {
            directory.force(true);
        }
    }
}
