package clobber.report;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.ByteBuffer;
import clobber.os.NativeFile;
import clobber.os.ReplacementFile;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * clobber's own outputs are written the way it tells others to write: a temp file beside the
 * target (with the target's mode), fsynced, renamed over it, the directory fsynced so that the
 * rename survives a power cut. A run killed mid-write leaves the old file or the new one, never a
 * part (a stray temp file at worst).
 */
public final class AtomicFiles {
    private AtomicFiles() {}

    public static void write(Path target, byte[] bytes) throws IOException {
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
