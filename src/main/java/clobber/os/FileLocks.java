package clobber.os;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * The kernel's table of file locks, {@code /proc/locks}: held locks, and after {@code ->} the
 * requests waiting for one. A release takes its waiters off the table as it wakes them, in the
 * releasing call itself, so the table says at once whether a waiter was woken, where the waiter's
 * own thread state may lag until it is scheduled.
 */
public final class FileLocks {
    private FileLocks() {}

    /**
     * How many lock requests wait now from processes {@code pids}; requests whose owner the table
     * does not name (OFD locks show pid -1) count when they are on a file of the file system
     * {@code deviceId} names ({@link #deviceId}).
     */
    public static int waiting(Set<Long> pids, String deviceId) {
        int waiting = 0;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/locks"))) {
                String[] fields = line.trim().split("\\s+");
                if (fields.length < 7 || !fields[1].equals("->")) {
                    continue;
                }
                // "N: -> FLOCK ADVISORY WRITE PID MAJ:MIN:INODE START END"
                long pid = Long.parseLong(fields[5]);
                if (pids.contains(pid) || (pid == -1 && fields[6].startsWith(deviceId))) {
                    waiting++;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return waiting;
    }

    /** {@code MAJ:MIN:} of the file system holding {@code path}, as /proc/locks writes it (hex). */
    public static String deviceId(Path path) {
        try {
            long dev = (Long) Files.getAttribute(path, "unix:dev");
            long major = ((dev >>> 8) & 0xfff) | ((dev >>> 32) & ~0xfffL);
            long minor = (dev & 0xff) | ((dev >>> 12) & ~0xffL);
            return String.format("%02x:%02x:", major, minor);
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }
}
