package clobber.strategy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import clobber.os.LockPrimitive;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

public final class LockFileFsyncRetry extends LockingStrategy {

    /*
     * The pattern: lockfile+atomic-replace, and a failed fsync tried again. The temp file's fsync
     * fails with EIO (a disk that refused a write); the writer, taking it for a passing hiccup,
     * fsyncs once more, gets 0, renames the temp file over the data file, fsyncs the directory and
     * acknowledges. Every step is the careful one, and a retry looks more careful still.
     *
     * The failure: an fsync reports a writeback error once. On Linux, after a failed writeback the
     * kernel marks the pages clean (they stay in the page cache, with the data that never reached
     * the disk), and the error is cleared once reported: the second fsync has nothing left to
     * write and says 0. PostgreSQL retried its fsyncs this way until 2018, and lost data
     * ("fsyncgate": https://wiki.postgresql.org/wiki/Fsync_Errors, and the LWN report
     * https://lwn.net/Articles/752063/).
     *  a) W0 writes its temp file; the device refuses the data's blocks: fsync says EIO.
     *  b) W0 fsyncs again: 0. It renames the temp file over data.json and fsyncs the directory:
     *     the rename and the temp file's size are in the journal, its blocks hold what they held.
     *  c) W0 acknowledges. Readers still see the new document, from the page cache.
     *  d) The power goes. data.json comes back with the right name and size and not its data:
     *     garbled (CORRUPT), or the old blocks' document, without the acknowledged update.
     * The faults driver shows it: under power loss alone, with no failing disk, it is
     * lockfile+atomic-replace. The one right answer to a failed fsync is to treat the data as lost:
     * write it again, from the start, and acknowledge only what a successful fsync covered.
     */

    public LockFileFsyncRetry() {
        this(defaultLock());
    }

    public LockFileFsyncRetry(LockPrimitive lock) {
        super(lock);
    }

    @Override
    public String name() {
        return "lockfile+fsync-retry";
    }

    @Override
    public String lesson() {
        return "lockfile+atomic-replace that tries a failed fsync of its temp file once more, and acknowledges when the "
                + "second says 0. After a failed writeback the kernel has marked the pages clean and cleared the error, "
                + "so the retry has nothing to write: the document is renamed into place with none of its data on the "
                + "disk, and a power cut afterwards loses the acknowledged update (PostgreSQL's \"fsyncgate\").";
    }

    @Override
    protected Claim claimWithExclusiveLock() {
        // As lockfile+atomic-replace wherever the disk does its work: the retry changes only what
        // follows a failed fsync, an update acknowledged whose data never reached the disk.
        return new LockFileAtomicReplace().claimWithExclusiveLock()
                .failsUnder(Condition.FAULTS, Verdict.LOST_WRITES, Verdict.CORRUPT);
    }

    @Override
    public WriteStrategy withLock(LockPrimitive lock) {
        return new LockFileFsyncRetry(lock);
    }

    @Override
    public void update(Path file, UnaryOperator<ObjectNode> change, StepHook steps) throws IOException {
        whileLocked(lockFileOf(file), steps, held -> Rewrite.readAndReplace(file, change, steps,
                Rewrite.Durability.FILE_RETRIED_AND_DIRECTORY));
    }

    /*
     * HOW TO SEE IT
     *   ./clobber run --strategy lockfile+fsync-retry --driver faults
     *     lockfile+fsync-retry --lock flock faults: CORRUPT, lost 0/81, 195 retries, 39 given up,
     *       0 overlaps, 39 ops/s
     *     power loss (ext4 with faults, cut after each acknowledgement): 9 of 78 states bad;
     *       after acknowledgement w2-10, not on disk: a block write the device refused; the data
     *       did not parse (data.json: not JSON (168423 bytes): Illegal character (CTRL-CHAR, code 0))
     *   The temp file's blocks were new: the disk holds zeros where the document should be, so the
     *   lost update shows as CORRUPT; blocks that held an older document would show LOST_WRITES.
     * (2 cores, Linux 6.18, JDK 25, ext4 of clobber's own; the figures vary from run to run, the verdict does not.)
     */
}
