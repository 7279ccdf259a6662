package clobber.os;

import java.io.IOException;

/** This process, as the kernel sees it. */
public final class NativeProcess {
    private NativeProcess() {}

    /**
     * Sends SIGKILL to every process of the process group {@code pgid}: a writer and whatever it
     * started (a shell's background jobs, a wrapper's child), which killing the leader alone
     * would leave running, reparented to init. A group already gone is not an error.
     */
    public static void killGroup(long pgid) {
        int group = -Math.toIntExact(pgid);
        try {
            Libc.call("kill", "process group " + pgid, (a, state) -> (int) Libc.KILL.invokeExact(state, group, Libc.SIGKILL));
        } catch (IOException gone) {
            // ESRCH: nobody is left in the group
        }
    }

    /**
     * Sends SIGKILL to every process of this process's group, this one included: kill(2) with a
     * pid of 0. A writer that leads a group of its own ends so with everything it started.
     */
    public static void killOwnGroup() throws IOException {
        Libc.call("kill", "own process group", (a, state) -> (int) Libc.KILL.invokeExact(state, 0, Libc.SIGKILL));
        throw new IllegalStateException("still alive after SIGKILL to its own group");
    }

    /**
     * Sends SIGKILL to this process: it stops at once, mid-instruction as far as its files are
     * concerned. No shutdown hook, finally block or buffer flush runs; the kernel closes its
     * descriptors, which releases its flock and fcntl locks, and keeps whatever it had written.
     * Exactly what a power cut does not do (the page cache survives), and what the OOM killer does.
     */
    public static void killSelf() throws IOException {
        int pid = pid();
        Libc.call("kill", "pid " + pid, (a, state) -> (int) Libc.KILL.invokeExact(state, pid, Libc.SIGKILL));
        throw new IllegalStateException("still alive after SIGKILL");
    }

    /** This process's id. */
    public static int pid() throws IOException {
        return (int) Libc.call("getpid", "self", (a, state) -> (int) Libc.GETPID.invokeExact(state));
    }

    /** The kernel's id of the calling thread (its directory under /proc/PID/task/), which Java does not show. */
    public static int threadId() throws IOException {
        return (int) Libc.call("gettid", "self", (a, state) -> (int) Libc.GETTID.invokeExact(state));
    }
}
