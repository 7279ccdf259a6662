package clobber.os;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each primitive's semantics between two threads of this JVM, checked against the real kernel:
 * flock and OFD locks exclude the second thread (it waits until the first closes), POSIX locks do
 * not (the process already holds it), FileChannel.lock throws instead of waiting.
 */
class LockPrimitiveTest {

    @TempDir
    Path dir;

    /** Locks from a second thread while this thread holds the lock; returns that thread's future. */
    private CompletableFuture<Void> secondThreadLocks(LockPrimitive primitive, Path file) {
        return CompletableFuture.runAsync(() -> {
            try (OpenFile ignored = primitive.lock(file)) {
                // acquired
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    private void assertExcludesThreads(LockPrimitive primitive) throws Exception {
        Path file = dir.resolve(primitive.name() + ".lock");
        CompletableFuture<Void> second;
        try (OpenFile held = primitive.lock(file)) {
            second = secondThreadLocks(primitive, file);
            assertThrows(TimeoutException.class, () -> second.get(300, TimeUnit.MILLISECONDS),
                    primitive.name() + ": the second thread got the lock while the first held it");
        }
        second.get(10, TimeUnit.SECONDS); // released by the close: it gets it now
        assertTrue(primitive.excludesThreads());
    }

    @Test
    void flockExcludesASecondThread() throws Exception {
        assertExcludesThreads(new Flock());
    }

    @Test
    void ofdLockExcludesASecondThread() throws Exception {
        assertExcludesThreads(new OfdLock());
    }

    @Test
    void posixLockDoesNotExcludeASecondThreadOfTheSameProcess() throws Exception {
        Path file = dir.resolve("posix.lock");
        PosixLock posix = new PosixLock();
        try (OpenFile held = posix.lock(file)) {
            secondThreadLocks(posix, file).get(10, TimeUnit.SECONDS); // granted at once: same process
        }
        assertFalse(posix.excludesThreads());
    }

    @Test
    void channelLockThrowsForASecondThreadInsteadOfWaiting() throws Exception {
        Path file = dir.resolve("channel.lock");
        ChannelLock channel = new ChannelLock();
        try (OpenFile held = channel.lock(file)) {
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> secondThreadLocks(channel, file).get(10, TimeUnit.SECONDS));
            assertInstanceOf(OverlappingFileLockException.class, e.getCause());
        }
    }

    @Test
    void aFailedCallNamesTheCallTheFileAndTheErrno() {
        Path missing = dir.resolve("no/such/dir/file");
        ErrnoException e = assertThrows(ErrnoException.class, () -> NativeFile.open(missing));
        assertEquals(2, e.errno()); // ENOENT
        assertTrue(e.getMessage().startsWith("open(" + missing + "): No such file or directory"), e.getMessage());
    }

    @Test
    void createNewLetsExactlyOneCallerHaveTheName() throws Exception {
        Path name = dir.resolve("claimed");
        try (NativeFile first = NativeFile.createNew(name).orElseThrow()) {
            assertTrue(NativeFile.createNew(name).isEmpty());
        }
    }

    @Test
    void theFileRoundTripsThroughReadWriteSeekTruncate() throws Exception {
        Path file = dir.resolve("data");
        try (NativeFile f = NativeFile.open(file)) {
            byte[] bytes = "hello, world".getBytes();
            f.write(bytes, 0, bytes.length);
            f.seek(0);
            assertEquals("hello, world", new String(f.readAll()));
            f.truncate(5);
            f.seek(0);
            assertEquals("hello", new String(f.readAll()));
            f.fsync();
        }
        NativeFile.fsyncDirectory(dir);
    }
}
