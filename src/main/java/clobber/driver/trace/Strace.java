package clobber.driver.trace;

import clobber.driver.CrashCall;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * strace(1) command lines around a writer's own: what any program, in any language, asks of the
 * kernel, seen from outside the process. {@code -f} follows every thread and child; {@code -y}
 * names each descriptor's file; {@code -xx} prints every byte of a string as {@code \xHH};
 * {@code --seccomp-bpf} stops the tracee only at the calls traced, so a JVM runs at nearly full
 * speed; {@code -q} keeps the lines that say a task ended, which closes what it held.
 */
public final class Strace {
    private Strace() {}

    /** What a trace is for, and so which calls it keeps and how much of their bytes. */
    public enum Purpose {
        /**
         * What reaches the disk: every call that changes a file's bytes or a directory, with the
         * bytes written, every fsync, and what follows descriptors (dup, close, fork). Reads are
         * not traced: their bytes would fill the trace.
         */
        DURABILITY(16 * 1024 * 1024, "open,openat,openat2,creat,write,pwrite64,writev,pwritev,pwritev2,lseek,ftruncate,truncate,"
                + "fsync,fdatasync,rename,renameat,renameat2,unlink,unlinkat,close,close_range,dup,dup2,dup3,fcntl,mmap,"
                + "clone,clone3,fork,vfork,execve,chdir,fchdir"),
        /**
         * Lock discipline: every lock call, every read, change and close of a file, with lengths
         * but no bytes, and mkdir and rmdir, which writers use as locks.
         */
        LOCKS(0, DURABILITY.calls + ",read,readv,pread64,preadv,preadv2,flock,mkdir,mkdirat,rmdir");

        private final int bytes;
        private final String calls;

        Purpose(int bytes, String calls) {
            this.bytes = bytes;
            this.calls = calls;
        }
    }

    /** {@code command} under strace, its calls for {@code purpose} written to {@code trace}. */
    public static List<String> recording(Purpose purpose, Path trace, List<String> command) {
        List<String> traced = new ArrayList<>(List.of("strace", "-f", "-q", "--seccomp-bpf", "-y", "-xx",
                "-s", Integer.toString(purpose.bytes), "-e", "trace=" + purpose.calls, "-e", "signal=none",
                "--absolute-timestamps=format:unix,precision:ns", "-o", trace.toString()));
        traced.addAll(command);
        return traced;
    }

    /**
     * {@code command} under strace, stopped right after its {@code point}-th call on {@code file}.
     * strace delivers SIGSTOP as that call enters the kernel ({@code -e inject}); a stop, unlike a
     * kill, lets the call run, and takes effect as it returns, before the writer's next
     * instruction. {@code -P} limits the counting to calls on the file (by descriptor or by
     * name: a rename onto it). The stop is written to {@code trace} ({@link #stopped}); the driver
     * kills the writer then. No {@code --seccomp-bpf} here: with it, strace 6.1 injects nothing.
     */
    public static List<String> stoppingAfter(CrashCall point, Path file, Path trace, List<String> command) {
        String calls = String.join(",", point.family().calls());
        List<String> traced = new ArrayList<>(List.of("strace", "-f", "-q", "-y", "-o", trace.toString(),
                "-P", file.toAbsolutePath().toString(), "-e", "trace=" + calls, "-e", "signal=SIGSTOP",
                "-e", "inject=" + calls + ":signal=SIGSTOP:when=" + point.nth()));
        traced.addAll(command);
        return traced;
    }

    /** Whether the writer under {@link #stoppingAfter}, tracing to {@code trace}, has stopped at its point. */
    public static boolean stopped(Path trace) {
        try {
            return Files.exists(trace) && new String(Files.readAllBytes(trace), StandardCharsets.ISO_8859_1)
                    .contains("--- SIGSTOP {si_signo=SIGSTOP, si_code=SI_KERNEL}");
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether strace can be run here. */
    public static boolean available() {
        try {
            return new ProcessBuilder("strace", "-V").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
