package clobber.strategy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import clobber.os.LockPrimitive;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

public final class LockFileReplaceNoFsync extends LockingStrategy {

    /*
     * The pattern: lockfile+atomic-replace without either fsync. Lock <file>.lock, read, write a
     * temp file, rename it over the data file, unlock.
     *
     * What it keeps, and what it loses:
     *  a) Writers are serialised and readers see whole documents: the lock and the rename are
     *     all that takes. A SIGKILL loses nothing either: the kernel's page cache outlives the
     *     process, and it holds the temp file's bytes and the rename.
     *  b) A power cut is another matter. Nothing orders the temp file's data before its name:
     *     with delayed allocation the rename can reach the disk first, and data.json is then an
     *     empty (or zero-filled) file; or the rename never reaches it, and an update that was
     *     acknowledged is gone. ext4 mounted with auto_da_alloc (the default) flushes the data of
     *     a file renamed over another, which hides the first of these on ext4 alone.
     * The powerloss driver shows both under the posix model, from the system calls themselves.
     */

    public LockFileReplaceNoFsync() {
        this(defaultLock());
    }

    public LockFileReplaceNoFsync(LockPrimitive lock) {
        super(lock);
    }

    @Override
    public String name() {
        return "lockfile+replace-no-fsync";
    }

    @Override
    public String lesson() {
        return "lockfile+atomic-replace without its two fsyncs: serialised by the lock file, atomic by the rename, "
                + "safe from a killed process, whose writes the page cache keeps. Not from a power cut: the rename "
                + "may reach the disk before the data it names (an empty data file) or not at all (an acknowledged "
                + "update lost).";
    }

    @Override
    protected Claim claimWithExclusiveLock() {
        // Across hosts, as lockfile+atomic-replace.
        return Claim.survives(Condition.THREADS, Condition.PROCESSES, Condition.CRASH, Condition.READERS, Condition.HOSTS_CEPHFS)
                .failsUnder(Condition.POWER_LOSS, Verdict.CORRUPT, Verdict.LOST_WRITES)
                .failsUnder(Condition.HOSTS_GLUSTERFS, Verdict.ERRORS, Verdict.LOST_WRITES)
                .failsUnder(Condition.HOSTS_SSHFS, Verdict.LOST_WRITES, Verdict.OVERLAPS)
                .failsUnder(Condition.HOSTS, Verdict.ERRORS, Verdict.LOST_WRITES, Verdict.OVERLAPS)
                // Never fsynced, it never hears of a failed write: the cut after an acknowledgement does.
                .failsUnder(Condition.FAULTS, Verdict.CORRUPT, Verdict.LOST_WRITES, Verdict.ERRORS);
    }

    @Override
    public WriteStrategy withLock(LockPrimitive lock) {
        return new LockFileReplaceNoFsync(lock);
    }

    @Override
    public void update(Path file, UnaryOperator<ObjectNode> change, StepHook steps) throws IOException {
        whileLocked(lockFileOf(file), steps, held -> Rewrite.readAndReplace(file, change, steps, Rewrite.Durability.NONE));
    }

    /*
     * HOW TO SEE IT
     *   ./clobber run --strategy lockfile+replace-no-fsync --driver powerloss
     *     lockfile+replace-no-fsync powerloss --lock flock: CORRUPT, lost 0/3, 0 retries, 0
     *       given up, 0 overlaps, 29 ops/s
     *     power loss (posix), lockfile+replace-no-fsync: 662 of 734 states bad over 16 crash points
     *       (bounded: not every state was tried); power cut after worker-1 renamed
     *       data.json.9354511837809156792.tmp over data.json; not on disk: worker-1 created
     *       data.json.lock, worker-1 created data.json.9354511837809156...
     * (2 cores, Linux 6.18, JDK 25, ext4; the figures vary from run to run, the verdict does not.)
     */
}
