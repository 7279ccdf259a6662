package clobber.strategy;

import clobber.os.LockPrimitive;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A claim is a table of expected outcomes per condition, and every shipped strategy fills its table in. */
class ClaimTest {

    @Test
    void everyShippedStrategyNamesHowItFailsUnderEachConditionItDoesNotSurvive() {
        for (WriteStrategy strategy : Strategies.all()) {
            List<WriteStrategy> variants = !(strategy instanceof LockingStrategy) ? List.of(strategy)
                    : LockPrimitive.all().stream().map(strategy::withLock).toList();
            for (WriteStrategy variant : variants) {
                assertEquals(Set.of(), variant.claim().unnamed(), variant.name() + " "
                        + variant.lock().map(LockPrimitive::name).orElse("") + ": " + variant.claim());
            }
        }
    }

    /**
     * The locks driver imposes processes and shows, whether or not a write was lost, a change that
     * no lock excluding the other processes protected: a strategy of one data file that does not
     * survive processes names UNSAFE_LOCKING among what they bring.
     */
    @Test
    void everyShippedStrategyOfOneDataFileThatFailsUnderProcessesNamesUnsafeLocking() {
        for (WriteStrategy strategy : Strategies.all()) {
            Claim claim = strategy.claim();
            if (!clobber.workload.Workload.defaultFor(strategy).hasDocument() || claim.survivesAll(Set.of(Condition.PROCESSES))) {
                continue;
            }
            assertTrue(claim.expected(Set.of(Condition.PROCESSES)).contains(Verdict.UNSAFE_LOCKING), strategy.name() + ": " + claim);
        }
    }

    @Test
    void aRunExpectsSafeWhereEveryConditionIsSurvivedAndTheNamedFailuresElsewhere() {
        Claim seekTruncate = new FlockSeekTruncate().claim();
        assertEquals(EnumSet.of(Verdict.SAFE), seekTruncate.expected(Set.of(Condition.THREADS, Condition.PROCESSES)));
        assertEquals(EnumSet.of(Verdict.CORRUPT), seekTruncate.expected(Set.of(Condition.PROCESSES, Condition.CRASH)),
                "a crash after the truncate garbles the file; it never leaves an older document");
        assertFalse(seekTruncate.expected(Set.of(Condition.CRASH)).contains(Verdict.LOST_WRITES));
        assertEquals(EnumSet.of(Verdict.LOST_WRITES, Verdict.CORRUPT, Verdict.TORN_READS),
                new NoLock().claim().expected(Set.of(Condition.THREADS, Condition.READERS)), "the union of both conditions");
    }

    @Test
    void aConditionAPlugInDoesNotNameMayBringAnyFailureButNeverSafe() {
        Set<Verdict> expected = Claim.survives(Condition.THREADS).expected(Set.of(Condition.CRASH));
        assertFalse(expected.contains(Verdict.SAFE));
        assertFalse(expected.contains(Verdict.INCONCLUSIVE));
        assertTrue(expected.containsAll(EnumSet.of(Verdict.LOST_WRITES, Verdict.CORRUPT, Verdict.STALLED)));
    }

    @Test
    void aLockThatDoesNotExcludeThreadsTakesThreadsOutOfTheClaim() {
        Claim posix = new LockFileAtomicReplace().withLock(LockPrimitive.named("posix")).claim();
        assertFalse(posix.survivesAll(Set.of(Condition.THREADS)));
        assertEquals(EnumSet.of(Verdict.SAFE), posix.expected(Set.of(Condition.PROCESSES, Condition.CRASH)));
        assertTrue(posix.expected(Set.of(Condition.THREADS)).contains(Verdict.LOST_WRITES));
    }

    @Test
    void eachFileSystemServedHereIsAConditionOfItsOwn() {
        Claim replace = new LockFileAtomicReplace().claim();
        assertEquals(EnumSet.of(Verdict.SAFE), replace.expected(Set.of(Condition.HOSTS_CEPHFS)));
        assertEquals(EnumSet.of(Verdict.ERRORS, Verdict.LOST_WRITES), replace.expected(Set.of(Condition.HOSTS_GLUSTERFS)),
                "a stale file handle, or the replaced document read");
        assertEquals(EnumSet.of(Verdict.LOST_WRITES, Verdict.OVERLAPS), replace.expected(Set.of(Condition.HOSTS_SSHFS)),
                "no lock crosses sshfs clients: losses, and no error");
        Claim group = new GroupCommit().claim();
        assertTrue(group.survivesAll(Set.of(Condition.HOSTS_GLUSTERFS, Condition.HOSTS_CEPHFS)));
        assertFalse(group.survivesAll(Set.of(Condition.HOSTS_SSHFS)));
        Claim closeDrops = new PosixLockCloseDrops().claim();
        assertFalse(closeDrops.survivesAll(Set.of(Condition.PROCESSES)), "on one machine the close drops the lock");
        assertEquals(EnumSet.of(Verdict.SAFE), closeDrops.expected(Set.of(Condition.HOSTS_CEPHFS)), "ceph-fuse keeps it");
    }

    @Test
    void onTheUsersOwnMountsAClaimExpectsWhateverAnyFileSystemServedHereBrings() {
        Set<Condition> served = EnumSet.of(Condition.HOSTS_GLUSTERFS, Condition.HOSTS_CEPHFS, Condition.HOSTS_SSHFS);
        for (WriteStrategy strategy : Strategies.all()) {
            Claim claim = strategy.claim();
            Set<Verdict> unknown = claim.expected(Set.of(Condition.HOSTS));
            for (Condition fs : served) {
                Set<Verdict> there = claim.expected(Set.of(fs));
                if (!claim.survivesAll(Set.of(fs))) {
                    assertTrue(!claim.survivesAll(Set.of(Condition.HOSTS)) && unknown.containsAll(there),
                            strategy.name() + ": under hosts " + unknown + ", under " + fs + " " + there);
                }
            }
        }
    }

    @Test
    void aClaimCannotSurviveAConditionAndFailUnderIt() {
        assertThrows(IllegalArgumentException.class,
                () -> Claim.survives(Condition.CRASH).failsUnder(Condition.CRASH, Verdict.CORRUPT));
        assertThrows(IllegalArgumentException.class,
                () -> Claim.nothing().failsUnder(Condition.CRASH, Verdict.SAFE));
    }
}
