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
        return Claim.survives(Condition.THREADS, Condition.PROCESSES, Condition.CRASH, Condition.READERS)
                .failsUnder(Condition.POWER_LOSS, Verdict.LOST_WRITES);
    }

    @Override
    public WriteStrategy withLock(LockPrimitive lock) {
        return new LockFileReplaceNoDirFsync(lock);
    }

    @Override
    public void update(Path file, UnaryOperator<ObjectNode> change, StepHook steps) throws IOException {
        Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
        whileLocked(lockFile, steps, held -> Rewrite.readAndReplace(file, change, steps, Rewrite.Durability.FILE));
    }

    /*
     * HOW TO SEE IT
     *   ./clobber run --strategy lockfile+replace-no-dirfsync --driver powerloss
     * Expect LOST_WRITES: a state where the rename did not persist after its update was acknowledged.
     */
}
