package clobber.run;

import clobber.os.FileTrees;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The run's own directory: the only place a run writes its data files. Either a fresh temp
 * directory, deleted afterwards, or one the user names, which must be empty or absent (so that
 * clobber never overwrites or deletes a file it did not create) and is kept for inspection.
 */
public final class Scratch implements AutoCloseable {
    private final Path root;
    private final Thread deleteOnInterrupt;
    private int runs;

    private Scratch(Path root, boolean delete) {
        this.root = root;
        this.deleteOnInterrupt = delete ? new Thread(this::deleteQuietly, "delete-scratch") : null;
        if (delete) {
            Runtime.getRuntime().addShutdownHook(deleteOnInterrupt); // Ctrl-C leaves no temp directory behind
        }
    }

    public static Scratch temporary() throws IOException {
        return new Scratch(Files.createTempDirectory("clobber-"), true);
    }

    /** The user's directory: created if absent; refused, untouched, if it holds anything. */
    public static Scratch at(Path directory) throws IOException {
        if (Files.exists(directory)) {
            if (!Files.isDirectory(directory)) {
                throw new IOException(directory + " is not a directory");
            }
            try (Stream<Path> entries = Files.list(directory)) {
                if (entries.findAny().isPresent()) {
                    throw new IOException(directory + " is not empty; give an empty or new directory");
                }
            }
        }
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new IOException("cannot create " + directory + ": " + reason(e));
        }
        if (!Files.isWritable(directory)) {
            throw new IOException(directory + " is not writable");
        }
        return new Scratch(directory, false);
    }

    private static String reason(IOException e) {
        if (e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        return e.getClass().getSimpleName().replace("Exception", "").replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase();
    }

    public Path root() {
        return root;
    }

    /** A fresh subdirectory for the next run, named after it. */
    public Path nextRun(String label) throws IOException {
        String safe = label.replaceAll("[^A-Za-z0-9._-]+", "_");
        return Files.createDirectory(root.resolve(String.format("%03d-%s", ++runs, safe)));
    }

    private void deleteQuietly() {
        try {
            delete();
        } catch (IOException | RuntimeException e) {
            // the JVM is going down; a file a dying worker still writes may stay
        }
    }

    @Override
    public void close() throws IOException {
        if (deleteOnInterrupt == null) {
            return;
        }
        Runtime.getRuntime().removeShutdownHook(deleteOnInterrupt);
        delete();
    }

    private void delete() throws IOException {
        FileTrees.delete(root);
    }
}
