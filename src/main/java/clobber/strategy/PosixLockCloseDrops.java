package clobber.strategy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import clobber.os.ChannelLock;
import clobber.os.LockPrimitive;
import clobber.os.OpenFile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Optional;
import java.util.function.UnaryOperator;

public final class PosixLockCloseDrops implements WriteStrategy {

    /*
     * The pattern: FileChannel.lock() the data file, read it with Files.readString (or any
     * library that opens the file by name), then write the new document through the locked
     * channel and unlock. The lock is held across the whole update, on the file being updated.
     *
     * The failure (http://infinitesque.net/articles/2010/on%20Python%20flock/, on Solaris; here in Java on Linux):
     *  a) FileChannel.lock() is a POSIX fcntl lock, and a POSIX lock belongs to the process.
     *  b) The read opens a second descriptor of the same file and closes it. Closing ANY
     *     descriptor of a file releases ALL of the process's POSIX locks on it.
     *  c) From then on the lock is gone: another process's lock() succeeds at once, both are
     *     "inside", and the later write erases the earlier. FileLock.isValid() still says true,
     *     because the JDK tracks its own lock objects, not the kernel's.
     * Checked on this machine: after the close, a child process's tryLock succeeds. Between
     * threads it fails another way: the JDK's in-JVM lock table throws
     * OverlappingFileLockException, so the threads driver shows errors, not serialisation.
     * The fix is to read through the locked channel, or to lock a separate lock file, or to use
     * a lock that belongs to the open file description (flock, OFD).
     */

    private final LockPrimitive lock = new ChannelLock();

    @Override
    public String name() {
        return "posix-lock-close-drops";
    }

    @Override
    public String lesson() {
        return "FileChannel.lock() the data file, read it with Files.readString, write through the channel. "
                + "FileChannel.lock is a POSIX fcntl lock, which belongs to the process and is released when "
                + "the process closes any descriptor of the file: the read's own close drops it, while "
                + "FileLock.isValid() still says true. Other processes then write at the same time: overlaps "
                + "and lost writes. Threads of one JVM get OverlappingFileLockException instead.";
    }

    @Override
    public Claim claim() {
        // Under threads, FileChannel's own table throws OverlappingFileLockException at the
        // second thread; between processes, the dropped lock lets writers interleave in place.
        // Through ceph-fuse the flaw never shows: closing another descriptor of the file does not
        // drop the lock there (FUSE's flush names the lock owner for the client to release its
        // locks, and ceph-fuse keeps them), and the MDS's lock excludes across clients.
        return Claim.survives(Condition.HOSTS_CEPHFS)
                .failsUnder(Condition.THREADS, Verdict.ERRORS, Verdict.LOST_WRITES, Verdict.CORRUPT, Verdict.OVERLAPS)
                .failsUnder(Condition.CRASH, Verdict.LOST_WRITES, Verdict.CORRUPT, Verdict.OVERLAPS)
                // A trace shows the close that drops the lock, in every update.
                .failsUnder(Condition.PROCESSES, Verdict.LOST_WRITES, Verdict.CORRUPT, Verdict.OVERLAPS, Verdict.UNSAFE_LOCKING)
                .failsUnder(Condition.READERS, Verdict.TORN_READS)
                .failsUnder(EnumSet.of(Condition.HOSTS, Condition.HOSTS_GLUSTERFS, Condition.HOSTS_SSHFS),
                        Verdict.LOST_WRITES, Verdict.CORRUPT, Verdict.OVERLAPS, Verdict.ERRORS)
                .failsUnder(Condition.POWER_LOSS, Verdict.CORRUPT, Verdict.LOST_WRITES)
                .failsUnder(Condition.FAULTS, Verdict.CORRUPT, Verdict.LOST_WRITES, Verdict.OVERLAPS);
    }

    @Override
    public Optional<LockPrimitive> lock() {
        return Optional.of(lock);
    }

    @Override
    public void update(Path file, UnaryOperator<ObjectNode> change, StepHook steps) throws IOException {
        try (OpenFile locked = lock.lock(file, () -> steps.at(Step.BEFORE_LOCK))) {
            steps.at(Step.AFTER_LOCK);
            ObjectNode document = Documents.read(file); // opens and closes a second descriptor: the lock is gone
            steps.at(Step.AFTER_READ);
            Rewrite.overwrite(locked, Documents.bytes(change.apply(document)), steps);
            steps.at(Step.BEFORE_UNLOCK);
        }
    }

    /*
     * HOW TO SEE IT
     *   ./clobber run --strategy posix-lock-close-drops --driver processes --writers 4 --writes 250
     *     posix-lock-close-drops processes --lock channel: CORRUPT, lost unreadable/10, 4953
     *       retries, 990 given up, 2 overlaps, 3 ops/s
     * (2 cores, Linux 6.18, JDK 25, ext4; the figures vary from run to run, the verdict does not.)
     */
}
