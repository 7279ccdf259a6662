package clobber.strategy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import clobber.os.NativeFile;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Optional;
import java.util.function.UnaryOperator;

public final class LockfileExistsMutex implements WriteStrategy {

    /*
     * The pattern (the pidfile): the lock is the existence of <file>.lock. Take it by creating
     * the file with O_CREAT|O_EXCL (CREATE_NEW), retrying every millisecond while it exists;
     * write your pid into it; update the data file by temp file and rename; release the lock by
     * deleting the file. O_EXCL makes the take atomic, so writers are serialised, threads and
     * processes alike, and the rename keeps the data whole: no write is lost.
     *
     * The failure is liveness, not safety. A writer that dies holding the lock (SIGKILL, OOM,
     * power cut) never deletes the file. Nothing else ever will: every later writer waits
     * forever. The pid inside tells a human what happened; the code cannot safely act on it
     * (the pid may be reused, the owner may be on another host). Kernel locks (flock, fcntl)
     * do not have this failure: the kernel releases them when their owner dies.
     */

    @Override
    public String name() {
        return "lockfile-exists-mutex";
    }

    @Override
    public String lesson() {
        return "Lock by creating <file>.lock with O_CREAT|O_EXCL and writing your pid into it, unlock by deleting "
                + "it. Atomic and correct while every writer lives; but a writer killed while holding it never "
                + "deletes it, and every other writer then waits forever: a stale lock, and no progress.";
    }

    @Override
    public Claim claim() {
        // A writer killed while it holds the lock file never deletes it: everyone waits.
        // Power loss is judged on the data file, which is replaced durably; a lock file left
        // behind by a power cut stalls the next writer, as the crash column shows.
        // On GlusterFS and CephFS its create and delete of the lock file change the directory,
        // which makes every client look the data file's name up again: no stale name. On sshfs a
        // client keeps the lock file's name for 20 s after another client deleted it, and its
        // O_EXCL create fails on the name it remembers: everyone waits (STALLED).
        return Claim.survives(Condition.THREADS, Condition.PROCESSES, Condition.READERS, Condition.POWER_LOSS,
                        Condition.HOSTS_GLUSTERFS, Condition.HOSTS_CEPHFS)
                .failsUnder(EnumSet.of(Condition.CRASH, Condition.HOSTS, Condition.HOSTS_SSHFS), Verdict.STALLED)
                // A writer whose update fails on a full disk leaves the lock file behind as a crash does.
                .failsUnder(Condition.FAULTS, Verdict.STALLED);
    }

    @Override
    public void update(Path file, UnaryOperator<ObjectNode> change, StepHook steps) throws IOException {
        Path lock = file.resolveSibling(file.getFileName() + ".lock");
        steps.at(Step.BEFORE_LOCK);
        take(lock);
        try {
            steps.at(Step.AFTER_LOCK);
            Rewrite.readAndReplace(file, change, steps);
            steps.at(Step.BEFORE_UNLOCK);
        } finally {
            Files.delete(lock);
        }
    }

    private static void take(Path lock) throws IOException {
        byte[] pid = Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.US_ASCII);
        while (true) {
            Optional<NativeFile> created = NativeFile.createNew(lock);
            if (created.isPresent()) {
                try (NativeFile mine = created.get()) {
                    mine.write(pid, 0, pid.length);
                }
                return;
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("gave up waiting for " + lock);
            }
        }
    }

    /*
     * HOW TO SEE IT
     *   ./clobber run --strategy lockfile-exists-mutex --driver crash --writes 40
     *     lockfile-exists-mutex crash: STALLED, lost 0/3, 0 retries, 0 given up, 0 overlaps,
     *       0 ops/s
     *     stalled: lockfile-exists-mutex under crash: no update completed for 5 s; lock file
     *       data.json.lock names pid 16955, which is dead: a stale lock left by a crash
     * (2 cores, Linux 6.18, JDK 25, ext4; the figures vary from run to run, the verdict does not.)
     */
}
