package clobber.os;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the kernel says one thread is doing, from {@code /proc/PID/task/TID/}: its state letter
 * ({@code R} running, {@code S} asleep and interruptible, {@code D} in uninterruptible I/O such as
 * fsync) and its wait channel, the kernel function it sleeps in. A thread asleep in
 * {@code locks_lock_inode_wait} waits for a flock(2) lock; in {@code fcntl_setlk}, for a POSIX or
 * OFD record lock. Any process's thread can be read so, whatever language it is written in.
 */
public record KernelThread(char state, String waitChannel) {

    /** The thread is gone (its process ended, or the thread did). */
    public static final KernelThread GONE = new KernelThread('X', "");

    public static KernelThread of(long pid, long tid) {
        Path task = Path.of("/proc", Long.toString(pid), "task", Long.toString(tid));
        try {
            String stat = Files.readString(task.resolve("stat"));
            // "tid (comm) S ...": comm may hold spaces and parentheses; the state follows the last ')'.
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return new KernelThread(state, Files.readString(task.resolve("wchan")).strip());
        } catch (IOException | RuntimeException e) {
            return GONE;
        }
    }

    /** Asleep waiting for a file lock (flock, POSIX or OFD) that another holds. */
    public boolean waitsForFileLock() {
        return state == 'S' && (waitChannel.startsWith("locks_") || waitChannel.startsWith("flock")
                || waitChannel.startsWith("fcntl_setlk") || waitChannel.startsWith("posix_lock"));
    }

    /** In uninterruptible I/O (fsync, a read from disk): busy, not blocked. */
    public boolean inIo() {
        return state == 'D';
    }

    /** On a CPU or ready to be. */
    public boolean running() {
        return state == 'R';
    }

    /** For reports: e.g. {@code asleep in locks_lock_inode_wait}. */
    public String describe() {
        return switch (state) {
            case 'R' -> "running";
            case 'D' -> "in I/O" + (waitChannel.isEmpty() || waitChannel.equals("0") ? "" : " (" + waitChannel + ")");
            case 'S' -> "asleep" + (waitChannel.isEmpty() || waitChannel.equals("0") ? "" : " in " + waitChannel);
            case 'T', 't' -> "stopped";
            case 'X', 'Z' -> "gone";
            default -> "state " + state;
        };
    }
}
