package clobber.strategy;

import clobber.os.LockPrimitive;
import clobber.workload.Create;
import clobber.workload.Keys;
import clobber.workload.Workload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The overlap verifier reads every writer's critical section from its after-lock and
 * before-unlock stamps: each strategy that has one (a lock, a pidfile, or no-lock's unguarded
 * read-to-write) stamps both, once, in order, around its read and its write; one that stores each
 * update as a file of its own has none to share and stamps neither, or every two writers of
 * different records would count as an overlap. A strategy may mark before-lock ahead of its
 * section (the explorer stops there), never inside it.
 */
class CriticalSectionStampsTest {

    @TempDir
    Path dir;

    @Test
    void everyStrategyStampsItsCriticalSectionOrHasNone() throws Exception {
        int n = 0;
        for (WriteStrategy strategy : Strategies.all()) {
            List<WriteStrategy> variants = strategy instanceof LockingStrategy
                    ? LockPrimitive.all().stream().map(strategy::withLock).toList() : List.of(strategy);
            for (WriteStrategy variant : variants) {
                Path file = Files.createDirectory(dir.resolve("s" + n++)).resolve("data.json");
                Workload workload = Workload.defaultFor(variant);
                workload.prepare(file);
                List<Step> passed = new ArrayList<>();
                variant.update(file, workload.update(0, 0), passed::add);
                String what = variant.name() + variant.lock().map(l -> " --lock " + l.name()).orElse("") + ": " + passed;
                if (variant.createsNewFiles()) {
                    assertTrue(!passed.contains(Step.AFTER_LOCK) && !passed.contains(Step.BEFORE_UNLOCK), what);
                    assertTrue(workload instanceof Create);
                    continue;
                }
                assertTrue(workload instanceof Keys);
                // before-lock, where a strategy has it, comes first and outside the section
                if (passed.getFirst() == Step.BEFORE_LOCK) {
                    passed.removeFirst();
                }
                assertFalse(passed.contains(Step.BEFORE_LOCK), what);
                assertEquals(Step.AFTER_LOCK, passed.getFirst(), what);
                assertEquals(Step.BEFORE_UNLOCK, passed.getLast(), what);
                assertEquals(1, passed.stream().filter(s -> s == Step.AFTER_LOCK).count(), what);
                assertEquals(1, passed.stream().filter(s -> s == Step.BEFORE_UNLOCK).count(), what);
                assertTrue(passed.contains(Step.AFTER_READ), "the read is inside: " + what);
            }
        }
        assertTrue(n >= 15, "every strategy, every lock: " + n);
    }
}
