package clobber.driver;

import clobber.strategy.Step;
import clobber.strategy.StepHook;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Checks mutual exclusion directly, as Lucene's LockVerifyServer does, instead of inferring it
 * from lost writes: every writer reports entering its critical section (step after-lock) and
 * leaving it (before-unlock), and an entry while another writer is inside is an overlap. A broken
 * lock shows here even in a run where, by luck, no write was lost.
 *
 * <p>The counters live in a small file mapped into every writer's process, updated with atomic
 * instructions, so threads and processes are checked by one mechanism. Each writer also has its
 * own inside flag, so that a writer that dies or throws inside can be taken out again.
 * It wraps any strategy: strategies only mark their steps and know nothing of it.
 */
final class OverlapVerifier implements AutoCloseable {
    private static final long INSIDE = 0;        // int: writers inside now
    private static final long OVERLAPS = 8;      // long: entries while another was inside
    private static final long FIRST_TAKEN = 16;  // int: 0 until the first overlap is recorded
    private static final long FIRST_HOLDER = 20; // int: the writer already inside
    private static final long FIRST_ENTRANT = 24;// int: the writer that entered
    private static final long FIRST_AT = 32;     // long: System.nanoTime of that entry
    private static final long FLAGS = 64;        // int per writer: 1 while inside

    private static final VarHandle INT = ValueLayout.JAVA_INT.varHandle();
    private static final VarHandle LONG = ValueLayout.JAVA_LONG.varHandle();

    private final Arena arena;
    private final MemorySegment shared;
    private final int writers;

    private OverlapVerifier(Arena arena, MemorySegment shared, int writers) {
        this.arena = arena;
        this.shared = shared;
        this.writers = writers;
    }

    /** Maps {@code file} (created zeroed if new) for {@code writers} writers. */
    static OverlapVerifier map(Path file, int writers) throws IOException {
        Arena arena = Arena.ofShared();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE,
                StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            return new OverlapVerifier(arena, channel.map(FileChannel.MapMode.READ_WRITE, 0, FLAGS + 4L * writers, arena), writers);
        } catch (IOException | RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    /** The hook for {@code writer}: enters at after-lock, leaves at before-unlock. */
    StepHook hookFor(int writer) {
        return step -> {
            if (step == Step.AFTER_LOCK) {
                enter(writer);
            } else if (step == Step.BEFORE_UNLOCK) {
                leave(writer);
            }
        };
    }

    private void enter(int writer) {
        INT.setVolatile(shared, FLAGS + 4L * writer, 1);
        int before = (int) INT.getAndAdd(shared, INSIDE, 1);
        if (before > 0) {
            long now = System.nanoTime();
            LONG.getAndAdd(shared, OVERLAPS, 1L);
            if (INT.compareAndSet(shared, FIRST_TAKEN, 0, 1)) {
                INT.setVolatile(shared, FIRST_HOLDER, anotherInside(writer));
                INT.setVolatile(shared, FIRST_ENTRANT, writer);
                LONG.setVolatile(shared, FIRST_AT, now);
            }
        }
    }

    /** Takes {@code writer} out if it is inside: after an update that threw, or a writer that died. */
    void leave(int writer) {
        if (INT.compareAndSet(shared, FLAGS + 4L * writer, 1, 0)) {
            INT.getAndAdd(shared, INSIDE, -1);
        }
    }

    private int anotherInside(int writer) {
        for (int w = 0; w < writers; w++) {
            if (w != writer && (int) INT.getVolatile(shared, FLAGS + 4L * w) == 1) {
                return w;
            }
        }
        return -1; // it left between our entry and this scan
    }

    long overlaps() {
        return (long) LONG.getVolatile(shared, OVERLAPS);
    }

    /** The first overlap, e.g. "W3 entered while W7 was inside", or null if there was none. */
    String firstOverlap(long origin) {
        if ((int) INT.getVolatile(shared, FIRST_TAKEN) == 0) {
            return null;
        }
        int holder = (int) INT.getVolatile(shared, FIRST_HOLDER);
        return "W" + INT.getVolatile(shared, FIRST_ENTRANT) + " entered while "
                + (holder < 0 ? "another writer" : "W" + holder) + " was inside, at "
                + ((long) LONG.getVolatile(shared, FIRST_AT) - origin) / 1000 + " us";
    }

    @Override
    public void close() {
        arena.close();
    }
}
