package clobber.jcstress;

import clobber.os.LockPrimitive;
import clobber.strategy.LockFileAtomicReplace;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.L_Result;

import static clobber.jcstress.UpdateRace.ALL_PRESENT;
import static clobber.jcstress.UpdateRace.LOCK_REFUSED;
import static clobber.jcstress.UpdateRace.LOST_UPDATE;
import static clobber.jcstress.UpdateRace.UNPARSEABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

public class Race_04_LockFileAtomicReplace {

    /*
     * The fourth lesson: the safe pattern, and the lock it rests on. Each writer locks
     * <file>.lock, a file nothing renames or deletes, reads the data file, writes and fsyncs a
     * temp file, renames it over the data file, fsyncs the directory and unlocks.
     *
     * The pattern is only as good as its lock, and the four lock primitives differ in whom they
     * exclude. The writers here are two threads of one JVM:
     *  a) Flock: flock(2) locks belong to the open file description; each update opens the lock
     *     file afresh, so the threads exclude each other. Lost update FORBIDDEN.
     *  b) Ofd: an OFD lock (F_OFD_SETLKW) belongs to the open file description too. FORBIDDEN.
     *  c) Posix: an fcntl(F_SETLKW) lock belongs to the process: both threads "hold" it at once
     *     and the lock does nothing between them. The strategy's claim with this lock leaves out
     *     threads, so a lost update is interesting, not forbidden: it is what the claim predicts.
     *  d) Channel: FileChannel.lock() is a POSIX lock too, but the JDK keeps a table of the locks
     *     its threads hold and throws OverlappingFileLockException at the second thread instead
     *     of making it wait. Nothing is lost; one update fails. That is its own outcome.
     * The rename is atomic, so "unparseable" is FORBIDDEN with every lock.
     */

    @JCStressTest
    @Outcome(id = ALL_PRESENT, expect = ACCEPTABLE, desc = "The lock serialised the writers.")
    @Outcome(id = LOST_UPDATE, expect = FORBIDDEN, desc = "flock failed to exclude the other writer.")
    @Outcome(id = UNPARSEABLE, expect = FORBIDDEN, desc = "The rename was not atomic.")
    @State
    public static class Flock {
        private final UpdateRace race = new UpdateRace(new LockFileAtomicReplace(LockPrimitive.named("flock")));

        @Actor
        public void writer1() {
            race.update("writer1");
        }

        @Actor
        public void writer2() {
            race.update("writer2");
        }

        @Arbiter
        public void readBack(L_Result r) {
            r.r1 = race.verdict();
        }
    }

    @JCStressTest
    @Outcome(id = ALL_PRESENT, expect = ACCEPTABLE, desc = "The lock serialised the writers.")
    @Outcome(id = LOST_UPDATE, expect = FORBIDDEN, desc = "The OFD lock failed to exclude the other writer.")
    @Outcome(id = UNPARSEABLE, expect = FORBIDDEN, desc = "The rename was not atomic.")
    @State
    public static class Ofd {
        private final UpdateRace race = new UpdateRace(new LockFileAtomicReplace(LockPrimitive.named("ofd")));

        @Actor
        public void writer1() {
            race.update("writer1");
        }

        @Actor
        public void writer2() {
            race.update("writer2");
        }

        @Arbiter
        public void readBack(L_Result r) {
            r.r1 = race.verdict();
        }
    }

    @JCStressTest
    @Outcome(id = ALL_PRESENT, expect = ACCEPTABLE, desc = "The writers happened not to overlap.")
    @Outcome(id = LOST_UPDATE, expect = ACCEPTABLE_INTERESTING, desc = "Both threads held the process's POSIX lock at once.")
    @Outcome(id = UNPARSEABLE, expect = FORBIDDEN, desc = "The rename was not atomic.")
    @State
    public static class Posix {
        private final UpdateRace race = new UpdateRace(new LockFileAtomicReplace(LockPrimitive.named("posix")));

        @Actor
        public void writer1() {
            race.update("writer1");
        }

        @Actor
        public void writer2() {
            race.update("writer2");
        }

        @Arbiter
        public void readBack(L_Result r) {
            r.r1 = race.verdict();
        }
    }

    @JCStressTest
    @Outcome(id = ALL_PRESENT, expect = ACCEPTABLE, desc = "The writers happened not to overlap.")
    @Outcome(id = LOCK_REFUSED, expect = ACCEPTABLE_INTERESTING, desc = "The JVM refused the second thread the lock; its update failed.")
    @Outcome(id = LOST_UPDATE, expect = ACCEPTABLE_INTERESTING, desc = "Both threads held the lock at once (the claim leaves threads out).")
    @Outcome(id = UNPARSEABLE, expect = FORBIDDEN, desc = "The rename was not atomic.")
    @State
    public static class Channel {
        private final UpdateRace race = new UpdateRace(new LockFileAtomicReplace(LockPrimitive.named("channel")));

        @Actor
        public void writer1() {
            race.update("writer1");
        }

        @Actor
        public void writer2() {
            race.update("writer2");
        }

        @Arbiter
        public void readBack(L_Result r) {
            r.r1 = race.verdict();
        }
    }

    /*
     * HOW TO RUN THESE TESTS
     *   ./clobber jcstress -t Race_04
     * Expect Flock and Ofd [OK] with every sample in "all updates present"; Posix with "lost
     * update" interesting; Channel with "OverlappingFileLockException" interesting. On this
     * machine (2 cores, ext4; ./clobber jcstress):
     *   Flock    3,742 samples, all "all updates present"
     *   Ofd      5,801 samples, all "all updates present"
     *   Posix    "all updates present" 3,553 (50.21%), "lost update" 3,523 (49.79%)
     *   Channel  "all updates present" 3,240 (50.12%), "OverlappingFileLockException" 3,225 (49.88%)
     */
}
