package clobber.strategy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import clobber.os.NativeFile;
import clobber.os.OpenFile;
import clobber.os.ReplacementFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.UnaryOperator;

/** The two ways the strategies store a new document, each marking its steps. */
final class Rewrite {
    private Rewrite() {}

    /**
     * Reads the document through {@code file}, applies {@code change} and writes the result over
     * the old content in place: seek to 0, truncate, write. Between the truncate and the end of the
     * write the file holds a prefix of the new document, or nothing.
     */
    static void inPlace(OpenFile file, UnaryOperator<ObjectNode> change, StepHook steps) throws IOException {
        ObjectNode document = Documents.parse(file.readAll());
        steps.at(Step.AFTER_READ);
        overwrite(file, Documents.bytes(change.apply(document)), steps);
    }

    /** Seek to 0, truncate, write {@code bytes}: the in-place half of {@link #inPlace}. */
    static void overwrite(OpenFile file, byte[] bytes, StepHook steps) throws IOException {
        file.seek(0);
        file.truncate(0);
        steps.at(Step.AFTER_TRUNCATE);
        writeInTwoHalves(file, bytes, steps);
    }

    /**
     * Reads the document in {@code file} by name (a descriptor of its own), applies {@code change}
     * and stores the result by {@link #replaceByRename}: the body of every replace-based pattern.
     */
    static void readAndReplace(Path file, UnaryOperator<ObjectNode> change, StepHook steps) throws IOException {
        readAndReplace(file, change, steps, Durability.FILE_AND_DIRECTORY);
    }

    /** {@link #readAndReplace}, fsyncing as {@code durability} says. */
    static void readAndReplace(Path file, UnaryOperator<ObjectNode> change, StepHook steps, Durability durability)
            throws IOException {
        ObjectNode document = Documents.read(file);
        steps.at(Step.AFTER_READ);
        replaceByRename(file, Documents.bytes(change.apply(document)), steps, durability);
    }

    /** What a replace fsyncs: the temp file before its rename, and the directory after it. */
    enum Durability {
        /** Neither: the pattern as often written, durable only when the kernel gets round to it. */
        NONE,
        /** The temp file, not the directory: the usual "atomic write" helper. */
        FILE,
        /** Both: the new document is on disk before its name is, and the name after the rename. */
        FILE_AND_DIRECTORY,
        /**
         * Both, and a failed fsync of the file tried once more: the second answers 0, since the
         * kernel marked the pages it could not write clean, and the document is renamed into place
         * with nothing of it on the disk.
         */
        FILE_RETRIED_AND_DIRECTORY
    }

    /**
     * Writes {@code bytes} to a new temp file beside {@code target} (with {@code target}'s mode:
     * see {@link ReplacementFile}), fsyncs it, renames it over {@code target} (rename(2): readers
     * see the old inode or the new, never a mix) and fsyncs the directory so the rename itself
     * survives a power cut.
     */
    static void replaceByRename(Path target, byte[] bytes, StepHook steps) throws IOException {
        replaceByRename(target, bytes, steps, Durability.FILE_AND_DIRECTORY);
    }

    private static void replaceByRename(Path target, byte[] bytes, StepHook steps, Durability durability) throws IOException {
        Path directory = target.toAbsolutePath().getParent();
        Path temp = ReplacementFile.beside(target, target.getFileName() + ".");
        boolean renamed = false;
        try {
            try (NativeFile out = NativeFile.open(temp)) {
                writeInTwoHalves(out, bytes, steps);
                if (durability == Durability.FILE_RETRIED_AND_DIRECTORY) {
                    try {
                        out.fsync();
                    } catch (IOException failed) {
                        out.fsync();
                    }
                } else if (durability != Durability.NONE) {
                    out.fsync();
                }
            }
            steps.at(Step.BEFORE_RENAME);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            renamed = true;
            if (durability == Durability.FILE_AND_DIRECTORY || durability == Durability.FILE_RETRIED_AND_DIRECTORY) {
                NativeFile.fsyncDirectory(directory);
            }
        } finally {
            if (!renamed) {
                Files.deleteIfExists(temp);
            }
        }
    }

    static void writeInTwoHalves(OpenFile file, byte[] bytes, StepHook steps) throws IOException {
        int half = bytes.length / 2;
        file.write(bytes, 0, half);
        steps.at(Step.MID_WRITE);
        file.write(bytes, half, bytes.length - half);
    }
}
