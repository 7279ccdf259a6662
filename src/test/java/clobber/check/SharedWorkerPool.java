package clobber.check;

import clobber.driver.WorkerPool;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.nio.file.Files;
import java.nio.file.Path;

/** One worker pool for a test class: started before its first test, its workers killed after its last. */
final class SharedWorkerPool implements BeforeAllCallback, AfterAllCallback {
    private WorkerPool pool;
    private Path scratch;

    WorkerPool pool() {
        return pool;
    }

    /** The class's scratch directory, where runs and worker logs go. */
    Path scratch() {
        return scratch;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        scratch = Files.createTempDirectory("clobber-test-");
        pool = new WorkerPool(scratch);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        pool.close();
        try (var paths = Files.walk(scratch)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
