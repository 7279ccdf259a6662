package clobber.strategy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import clobber.os.LockPrimitive;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

public final class LockFileReplaceNoDirFsync extends LockingStrategy {

    /*
     * The pattern: the usual "atomic write" helper. Lock <file>.lock, read, write a temp file,
     * fsync it, rename it over the data file, unlock; the directory is never fsynced.
     *
     * What it loses: POSIX makes a rename durable only when its directory is fsynced. The new
     * document is on disk, but the name that points at it may not be: after a power cut the
     * directory can still hold the old entry, data.json is the previous document, and the
     * update the caller was told was done is gone. It never corrupts (both inodes are whole);
     * it forgets.
     */

    public LockFileReplaceNoDirFsync() {
        this(defaultLock());
    }

    public LockFileReplaceNoDirFsync(LockPrimitive lock) {
        super(lock);
    }

    @Override
    public String name() {
        return "lockfile+replace-no-dirfsync";
    }

    @Override
    public String lesson() {
        return "lockfile+atomic-replace without the fsync of the directory: the new document is durable, its "
                + "name is not. After a power cut the rename can be undone, data.json is the previous document, "
                + "and an acknowledged update is lost.";
    }

    @Override
    protected Claim claimWithExclusiveLock() {
        // Across hosts, as lockfile+atomic-replace.
        return Claim.survives(Condition.THREADS, Condition.PROCESSES, Condition.CRASH, Condition.READERS, Condition.HOSTS_CEPHFS)
                .failsUnder(Condition.POWER_LOSS, Verdict.LOST_WRITES)
                .failsUnder(Condition.HOSTS_GLUSTERFS, Verdict.ERRORS, Verdict.LOST_WRITES)
                .failsUnder(Condition.HOSTS_SSHFS, Verdict.LOST_WRITES, Verdict.OVERLAPS)
                .failsUnder(Condition.HOSTS, Verdict.ERRORS, Verdict.LOST_WRITES, Verdict.OVERLAPS)
                .failsUnder(Condition.FAULTS, Verdict.LOST_WRITES, Verdict.ERRORS); // and the cut after an acknowledgement
    }

    @Override
    public WriteStrategy withLock(LockPrimitive lock) {
        return new LockFileReplaceNoDirFsync(lock);
    }

    @Override
    public void update(Path file, UnaryOperator<ObjectNode> change, StepHook steps) throws IOException {
        whileLocked(lockFileOf(file), steps, held -> Rewrite.readAndReplace(file, change, steps, Rewrite.Durability.FILE));
    }

    /*
     * HOW TO SEE IT
     *   ./clobber run --strategy lockfile+replace-no-dirfsync --driver powerloss
     *     lockfile+replace-no-dirfsync powerloss --lock flock: LOST_WRITES, lost 0/3, 0
     *       retries, 0 given up, 0 overlaps, 34 ops/s
     *     power loss (posix), lockfile+replace-no-dirfsync: 314 of 626 states bad over 19 crash
     *       points (bounded: not every state was tried); power cut after worker-1 acknowledged w0-0;
     *       not on disk: worker-1 created data.json.lock, worker-1 created
     *       data.json.6373361238804529334.tmp, worker-1 renamed data.json....
     * (2 cores, Linux 6.18, JDK 25, ext4; the figures vary from run to run, the verdict does not.)
     */
}
