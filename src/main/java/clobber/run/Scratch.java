package clobber.run;

import clobber.os.FileTrees;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The runs' own directory: the only place a run writes its data files. Either a fresh temp
 * directory, deleted afterwards, or one the user names, which must be empty or absent (so that
 * clobber never overwrites or deletes a file it did not create) and is kept for inspection.
 * Nothing is created until the first run needs it, and {@link #discard} takes back everything
 * made in it, for a session that ends in bad input: nothing written means nothing written.
 */
public final class Scratch implements AutoCloseable {
    private final Path requested;
    private final boolean temporary;
    private final Thread deleteOnInterrupt;
    private final List<Path> made = new ArrayList<>();
    private Path root;
    /** The topmost directory that making the root created (the root itself, or a parent of it), null if none. */
    private Path created;
    private int runs;

    private Scratch(Path requested, boolean temporary) {
        this.requested = requested;
        this.temporary = temporary;
        this.deleteOnInterrupt = temporary ? new Thread(this::deleteQuietly, "delete-scratch") : null;
    }

    /** A temp directory, made on first need and deleted on close (and on Ctrl-C). */
    public static Scratch temporary() {
        return new Scratch(null, true);
    }

    /** The user's directory: refused now if it is not a directory or holds anything; created on first need. */
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
            if (!Files.isWritable(directory)) {
                throw new IOException(directory + " is not writable");
            }
        } else {
            Path parent = directory.toAbsolutePath().getParent();
            while (parent != null && !Files.exists(parent)) {
                parent = parent.getParent();
            }
            if (parent == null || !Files.isDirectory(parent) || !Files.isWritable(parent)) {
                throw new IOException("cannot create " + directory + ": " + parent + " is not a writable directory");
            }
            try {
                // A directory made and removed where it would go: some places (under /proc) pass every test above and still refuse.
                Files.delete(Files.createTempDirectory(parent, ".clobber-probe-"));
            } catch (IOException e) {
                throw new IOException("cannot create " + directory + ": nothing can be made in " + parent, e);
            }
        }
        return new Scratch(directory, false);
    }

    /** The directory, made now if this is its first use. */
    public synchronized Path root() {
        if (root == null) {
            try {
                if (temporary) {
                    root = Files.createTempDirectory("clobber-");
                    Runtime.getRuntime().addShutdownHook(deleteOnInterrupt); // Ctrl-C leaves no temp directory behind
                } else {
                    for (Path p = requested.toAbsolutePath(); p != null && !Files.exists(p); p = p.getParent()) {
                        created = p;
                    }
                    root = Files.createDirectories(requested);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the scratch directory: " + e.getMessage(), e);
            }
        }
        return root;
    }

    /** A fresh subdirectory for the next run, named after it. */
    public synchronized Path nextRun(String label) throws IOException {
        String safe = label.replaceAll("[^A-Za-z0-9._-]+", "_");
        Path run = Files.createDirectory(root().resolve(String.format("%03d-%s", ++runs, safe)));
        made.add(run);
        return run;
    }

    /** Removes every run directory made here, and the directory itself if this made it: the session wrote nothing after all. */
    public synchronized void discard() throws IOException {
        if (root == null || !Files.exists(root)) {
            return; // never made, or a temp directory already deleted on close
        }
        if (temporary) {
            FileTrees.delete(root);
        } else if (created != null) {
            FileTrees.delete(created); // the root and the parents made for it, which hold nothing else of anyone's
        } else {
            for (Path run : made) {
                FileTrees.delete(run);
            }
            try (Stream<Path> left = Files.list(root)) {
                for (Path other : left.toList()) {
                    FileTrees.delete(other); // worker logs and other files of this session's own
                }
            }
        }
        made.clear();
    }

    private void deleteQuietly() {
        try {
            FileTrees.delete(root);
        } catch (IOException | RuntimeException e) {
            // the JVM is going down; a file a dying worker still writes may stay
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (!temporary || root == null) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(deleteOnInterrupt);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs
        }
        FileTrees.delete(root);
    }
}
