package dev.clobber.atomicjson;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Updates that arrive together are committed together, in order, and one failing change fails only itself. */
class GroupCommitTest {

    @TempDir
    Path dir;

    private static UnaryOperator<ObjectNode> put(String key) {
        return document -> document.put(key, true);
    }

    /** Appends {@code name} to the document's "order" array: the order in which the changes ran. */
    private static UnaryOperator<ObjectNode> append(String name) {
        return document -> {
            document.withArray("/order").add(name);
            return document;
        };
    }

    @Test
    void eightThreadsOfTwoHundredUpdatesLoseNothingInFewerCommitsThanUpdates() throws Exception {
        Path file = dir.resolve("data.json");
        AtomicJsonFile json = AtomicJsonFile.open(file);
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService threads = Executors.newFixedThreadPool(8)) {
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < 8; w++) {
                int writer = w;
                writers.add(threads.submit(() -> {
                    start.await();
                    for (int i = 0; i < 200; i++) {
                        json.update(put("w" + writer + "-" + i));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> writer : writers) {
                writer.get();
            }
        }
        ObjectNode document = json.read();
        assertEquals(1600, document.size());
        for (int w = 0; w < 8; w++) {
            for (int i = 0; i < 200; i++) {
                assertTrue(document.has("w" + w + "-" + i), "w" + w + "-" + i);
            }
        }
        Stats stats = json.stats();
        System.out.println("8 threads x 200 updates: " + stats);
        assertEquals(1600, stats.updates());
        assertTrue(stats.batches() < stats.updates(), "no update waited for another's commit: " + stats);
        assertTrue(stats.p50().compareTo(stats.p99()) <= 0, stats.toString());
    }

    @Test
    void asyncUpdatesQueuedAtOnceAreCommittedInFewBatchesAndInOrder() throws Exception {
        AtomicJsonFile json = AtomicJsonFile.open(dir.resolve("data.json"));
        List<CompletableFuture<Void>> futures = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            futures.add(json.updateAsync(append("u" + i)));
        }
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();
        List<String> order = new ArrayList<>();
        json.read().withArray("/order").forEach(name -> order.add(name.asText()));
        assertEquals(500, order.size());
        for (int i = 0; i < 500; i++) {
            assertEquals("u" + i, order.get(i), "arrival order");
        }
        assertTrue(json.stats().batches() < 100, json.stats().toString());
    }

    /**
     * A batch made on purpose: the first update's commit holds the lock (its observer waits in
     * {@code locked}) while the next ones queue, so they all go into the commit after it.
     */
    private static void blockFirstCommit(AtomicJsonFile json, CountDownLatch release) throws Exception {
        CountDownLatch locked = new CountDownLatch(1);
        json.updateAsync(append("first"), new AtomicJsonFile.Observer() {
            @Override
            public void locked(boolean leads) {
                locked.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
        });
        locked.await();
    }

    @Test
    void aChangeThatThrowsFailsOnlyItsOwnUpdateAndLeavesNoTrace() throws Exception {
        Path file = dir.resolve("data.json");
        AtomicJsonFile json = AtomicJsonFile.open(file);
        CountDownLatch release = new CountDownLatch(1);
        blockFirstCommit(json, release);
        IllegalStateException boom = new IllegalStateException("boom");
        CompletableFuture<Void> a = json.updateAsync(append("a"));
        CompletableFuture<Void> b = json.updateAsync(document -> {
            append("b").apply(document);
            throw boom; // after changing the document: the change must still leave no trace
        });
        CompletableFuture<Void> c = json.updateAsync(append("c"));
        release.countDown();
        a.join();
        c.join();
        CompletionException failed = assertThrows(CompletionException.class, b::join);
        assertSame(boom, failed.getCause());
        assertEquals("{\"order\":[\"first\",\"a\",\"c\"]}", json.read().toString());
        assertEquals(2, json.stats().batches(), "a, b and c went into one commit");
        assertEquals(4, json.stats().updates());
    }

    @Test
    void aSynchronousCallerGetsWhatItsChangeThrew() throws Exception {
        AtomicJsonFile json = AtomicJsonFile.open(dir.resolve("data.json"));
        json.update(put("kept"));
        assertThrows(ArithmeticException.class, () -> json.update(document -> document.put("lost", 1 / 0)));
        assertEquals("{\"kept\":true}", json.read().toString());
    }

    @Test
    void noCommitTakesMoreThanMaxBatchUpdates() throws Exception {
        AtomicJsonFile json = AtomicJsonFile.open(dir.resolve("data.json"), 2);
        CountDownLatch release = new CountDownLatch(1);
        blockFirstCommit(json, release);
        List<CompletableFuture<Void>> queued = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            queued.add(json.updateAsync(append("u" + i)));
        }
        release.countDown();
        CompletableFuture.allOf(queued.toArray(CompletableFuture[]::new)).join();
        assertEquals(4, json.stats().batches(), "first, then u0 u1, u2 u3, u4");
        assertEquals("{\"order\":[\"first\",\"u0\",\"u1\",\"u2\",\"u3\",\"u4\"]}", json.read().toString());
    }

    @Test
    void theDataFileKeepsItsPermissionBits() throws Exception {
        Path file = dir.resolve("data.json");
        Files.writeString(file, "{}");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        AtomicJsonFile json = AtomicJsonFile.open(file);
        json.update(put("a"));
        json.update(put("b"));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void closeWaitsForQueuedUpdatesAndRefusesNewOnes() throws Exception {
        AtomicJsonFile json = AtomicJsonFile.open(dir.resolve("data.json"));
        List<CompletableFuture<Void>> queued = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            queued.add(json.updateAsync(put("k" + i)));
        }
        json.close();
        assertTrue(queued.stream().allMatch(CompletableFuture::isDone));
        assertEquals(20, json.read().size());
        assertThrows(IllegalStateException.class, () -> json.update(put("late")));
        assertFalse(json.read().has("late"));
    }

    @Test
    void aReadOfAMissingFileIsTheEmptyObject() throws Exception {
        assertInstanceOf(ObjectNode.class, AtomicJsonFile.open(dir.resolve("none.json")).read());
        assertEquals(0, AtomicJsonFile.open(dir.resolve("none.json")).read().size());
    }
}
