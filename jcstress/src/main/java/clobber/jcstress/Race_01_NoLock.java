package clobber.jcstress;

import clobber.strategy.NoLock;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.L_Result;

import static clobber.jcstress.UpdateRace.ALL_PRESENT;
import static clobber.jcstress.UpdateRace.LOST_UPDATE;
import static clobber.jcstress.UpdateRace.TORN_READ;
import static clobber.jcstress.UpdateRace.UNPARSEABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;

@JCStressTest
@Outcome(id = ALL_PRESENT, expect = ACCEPTABLE, desc = "The writers did not overlap, or overlapped harmlessly.")
@Outcome(id = LOST_UPDATE, expect = ACCEPTABLE_INTERESTING, desc = "Both read the same version; the later write erased the earlier.")
@Outcome(id = TORN_READ, expect = ACCEPTABLE_INTERESTING, desc = "One writer read the other's half-written document and failed.")
@Outcome(id = UNPARSEABLE, expect = ACCEPTABLE_INTERESTING, desc = "The two writes interleaved inside the file.")
@State
public class Race_01_NoLock {

    /*
     * The first lesson: two writers, no lock. Each reads the document, adds its key, truncates the
     * file and writes the result back in place.
     *
     * Every sample is one fresh file and two jcstress actors, each applying one update; the
     * arbiter reads the file after both returned. The outcomes are the whole space of results:
     *  a) "all updates present": the writers ran one after the other;
     *  b) "lost update": both read the same version and the later write erased the earlier one,
     *     although both updates returned normally;
     *  c) "torn read": one writer read while the other was between its truncate and the end of
     *     its write, and failed on half a document;
     *  d) "unparseable": the file itself is garbled, e.g. one writer truncated and wrote its
     *     document while the other, with its own file offset, was writing its second half.
     * For this pattern every one of them is a known result, so none is FORBIDDEN: the test passes
     * and shows how often each happens. The safe strategies' tests forbid (b) to (d).
     */

    private final UpdateRace race = new UpdateRace(new NoLock());

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

    /*
     * HOW TO RUN THIS TEST
     *   ./clobber jcstress -t Race_01
     * Expect "lost update" and "torn read" among the samples, marked interesting. On this
     * machine (2 cores, ext4; ./clobber jcstress, all configurations merged):
     *                RESULT  SAMPLES     FREQ       EXPECT
     *           lost update    4,213   50.55%  Interesting
     *   all updates present    4,100   49.19%   Acceptable
     *             torn read       22    0.26%  Interesting
     *           unparseable        0    0.00%  Interesting
     */
}
