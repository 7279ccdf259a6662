package clobber.jcstress;

import clobber.strategy.CorruptDocumentException;
import clobber.strategy.Documents;
import clobber.strategy.StepHook;
import clobber.strategy.WriteStrategy;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One jcstress sample of a file race: a data file of its own, writers that each add their own key
 * to the document through one strategy, and the verdict on what the file holds afterwards.
 *
 * <p>Every test's {@code @State} holds one of these; its {@code @Actor}s call {@link #update}, its
 * {@code @Arbiter} calls {@link #verdict}, which also deletes the files. jcstress keeps thousands
 * of states alive at once, so the file is only named here and created, holding {@code {}}, by the
 * first writer to arrive: a state that is never run (jcstress allocates the next stride ahead)
 * leaves nothing on disk. (An empty file is a truncated document to every strategy, as to
 * clobber's own runs, which also start from {@code {}}.)
 */
final class UpdateRace {

    /** Every writer's update returned normally and every one of them is in the file. */
    static final String ALL_PRESENT = "all updates present";
    /** A writer's update returned normally, yet its key is not in the file. */
    static final String LOST_UPDATE = "lost update";
    /** The file does not hold a JSON object. */
    static final String UNPARSEABLE = "unparseable";
    /** A writer failed because the document it read did not parse: it read another's half write. */
    static final String TORN_READ = "torn read";
    /** A writer failed because the JVM refused it the lock another of its threads held. */
    static final String LOCK_REFUSED = "OverlappingFileLockException";

    /** One directory per forked VM, on the disk under test; removed at exit once the arbiters emptied it. */
    private static final Path DIRECTORY = createDirectory();
    private static final AtomicLong NEXT = new AtomicLong();

    private final WriteStrategy strategy;
    private final Path file = DIRECTORY.resolve("race-" + NEXT.incrementAndGet() + ".json");
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final Map<String, Throwable> failures = new ConcurrentHashMap<>();

    UpdateRace(WriteStrategy strategy) {
        this.strategy = strategy;
    }

    private boolean created;

    /** One writer's update: adds {@code key}. Never throws: a failure is recorded for the verdict. */
    void update(String key) {
        try {
            createOnce();
            strategy.update(file, document -> document.put(key, true), StepHook.NONE);
            acknowledged.add(key);
        } catch (IOException | RuntimeException e) {
            failures.put(key, e);
        }
    }

    private synchronized void createOnce() throws IOException {
        if (!created) {
            Documents.create(file);
            created = true;
        }
    }

    /** Reads the file back, names what happened, and deletes the sample's files. */
    String verdict() {
        try {
            ObjectNode document;
            try {
                document = Documents.read(file);
            } catch (IOException e) {
                return UNPARSEABLE;
            }
            if (!acknowledged.stream().allMatch(document::has)) {
                return LOST_UPDATE;
            }
            return failures.values().stream().map(UpdateRace::kind).sorted().findFirst().orElse(ALL_PRESENT);
        } finally {
            delete(file);
            delete(file.resolveSibling(file.getFileName() + ".lock"));
        }
    }

    /** The outcome a writer's failure stands for; an unexpected one gets its class name, and no test expects it. */
    private static String kind(Throwable failure) {
        if (failure instanceof CorruptDocumentException) {
            return TORN_READ;
        }
        if (failure instanceof OverlappingFileLockException) {
            return LOCK_REFUSED;
        }
        return "failed: " + failure.getClass().getName();
    }

    private static void delete(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path createDirectory() {
        try {
            Path directory = Files.createTempDirectory("clobber-jcstress-");
            directory.toFile().deleteOnExit();
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
