package clobber.strategy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import clobber.os.NativeFile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.function.UnaryOperator;

public final class NoLock implements WriteStrategy {

    /*
     * The pattern: read the document, change it, truncate the file and write the new document
     * in place. No lock. It is what a first version looks like, and it works with one writer.
     *
     * The failure, two ways:
     *  a) Lost update. W1 reads {a}, W2 reads {a}, W1 writes {a,x}, W2 writes {a,y}: x is gone.
     *     Every writer that read before another's write finished erases that write. With 50
     *     writers the test of https://github.com/Netflix/metaflow/pull/3006 kept 30 of 1000 keys.
     *  b) Torn file. W1 truncates and is half-way through its write when W2 reads: W2 sees a
     *     prefix of a document, which does not parse. If W1's write is then overwritten by a
     *     longer one, or W1 dies, the file itself can be left garbled.
     *
     * The step points: after-lock (where a lock would be), after-read, after-truncate,
     * mid-write, before-unlock. Pausing at after-read widens window (a); at mid-write, (b).
     */

    @Override
    public String name() {
        return "no-lock";
    }

    @Override
    public String lesson() {
        return "Read, change, truncate and write in place, with no lock. Two writers that read the same "
                + "version both write back their own change and the later one erases the earlier: lost "
                + "writes. A writer that reads while another is between truncate and the end of its write "
                + "sees a half document that does not parse.";
    }

    @Override
    public Claim claim() {
        // Every change is made without a lock: a trace of the writers shows it even when nothing
        // collided, and the few updates of a traced run may only overlap.
        return Claim.nothing()
                .failsUnder(EnumSet.of(Condition.THREADS, Condition.CRASH), Verdict.LOST_WRITES, Verdict.CORRUPT)
                .failsUnder(Condition.hosts(), Verdict.LOST_WRITES, Verdict.CORRUPT)
                .failsUnder(Condition.PROCESSES, Verdict.LOST_WRITES, Verdict.CORRUPT, Verdict.OVERLAPS, Verdict.UNSAFE_LOCKING)
                .failsUnder(Condition.READERS, Verdict.TORN_READS)
                .failsUnder(Condition.POWER_LOSS, Verdict.CORRUPT, Verdict.LOST_WRITES)
                .failsUnder(Condition.FAULTS, Verdict.CORRUPT, Verdict.LOST_WRITES);
    }

    @Override
    public void update(Path file, UnaryOperator<ObjectNode> change, StepHook steps) throws IOException {
        try (NativeFile data = NativeFile.open(file)) {
            steps.at(Step.AFTER_LOCK);
            Rewrite.inPlace(data, change, steps);
            steps.at(Step.BEFORE_UNLOCK);
        }
    }

    /*
     * HOW TO SEE IT
     *   ./clobber run --strategy no-lock --writers 50 --writes 20
     *     no-lock threads: LOST_WRITES, lost 649/704, 2013 retries, 296 given up, 698
     *       overlaps, 1207 ops/s
     * (2 cores, Linux 6.18, JDK 25, ext4; the figures vary from run to run, the verdict does not.)
     */
}
