package clobber.strategy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.function.UnaryOperator;

public final class ExistsThenCreate implements WriteStrategy {

    /*
     * The pattern (the naive version in the blog post "Locking for Creating and Writing Files"): each update is a new file named
     * <timestamp>-<counter>. Try counter 0, 1, 2, ...: if the name exists, try the next; if not,
     * create the file and write the record.
     *
     * The failure: "exists?" and "create" are two system calls, and the answer to the first is
     * stale by the time of the second.
     *  a) W1: exists(t-4)? no.   b) W2: exists(t-4)? no.
     *  c) W1 creates t-4 and writes its record.   d) W2 opens t-4 (truncating it) and writes its
     *     own: W1's record is gone, and both writers believe they own t-4.
     * The step after-read marks the moment between the check and the create.
     */

    @Override
    public String name() {
        return "exists-then-create";
    }

    @Override
    public String lesson() {
        return "Store each update as a new file named <timestamp>-<counter>: skip names that exist, create the "
                + "first that does not. The check and the create are two system calls: two writers both see "
                + "a name free, both write it, and the second erases the first's record.";
    }

    @Override
    public Claim claim() {
        // Two writers that claim one name write into one file: one record is lost, or both are
        // interleaved past reading.
        return Claim.nothing()
                .failsUnder(EnumSet.of(Condition.THREADS, Condition.PROCESSES, Condition.CRASH),
                        Verdict.LOST_WRITES, Verdict.CORRUPT)
                .failsUnder(Condition.hosts(), Verdict.LOST_WRITES, Verdict.CORRUPT)
                .failsUnder(Condition.READERS, Verdict.TORN_READS)
                .failsUnder(Condition.POWER_LOSS, Verdict.CORRUPT, Verdict.LOST_WRITES)
                .failsUnder(Condition.FAULTS, Verdict.CORRUPT, Verdict.LOST_WRITES);
    }

    @Override
    public boolean createsNewFiles() {
        return true;
    }

    @Override
    public void update(Path file, UnaryOperator<ObjectNode> change, StepHook steps) throws IOException {
        byte[] record = Documents.bytes(change.apply(JsonNodeFactory.instance.objectNode()));
        long second = NewFiles.nowSecond();
        for (int counter = 0; ; counter++) {
            Path name = NewFiles.candidate(file, second, counter);
            if (Files.exists(name)) {
                continue;
            }
            steps.at(Step.AFTER_READ); // the name looked free
            Files.write(name, record); // CREATE, TRUNCATE_EXISTING: takes the name even if it is taken now
            return;
        }
    }

    /*
     * HOW TO SEE IT
     *   ./clobber run --strategy exists-then-create --driver processes --writers 4 --writes 250
     *     exists-then-create processes: CORRUPT, lost 44/1000, 0 retries, 0 given up, 0
     *       overlaps, 1185 ops/s
     * (2 cores, Linux 6.18, JDK 25, ext4; the figures vary from run to run, the verdict does not.)
     */
}
