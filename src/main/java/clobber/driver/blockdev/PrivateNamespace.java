package clobber.driver.blockdev;

import clobber.os.JavaCommand;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Where real file systems are mounted: a mount namespace and a PID namespace of their own, made
 * by util-linux around a whole process (never unshare(2) from a JVM thread: it moves the calling
 * thread alone, not the JVM's others). Every thread of that process and every process it starts
 * see the mounts; nothing outside does. When the process ends, however it ends, the kernel ends
 * the rest:
 *
 * <ul>
 *   <li>{@code setpriv --pdeathsig KILL}: the namespace's keeper dies with the thread that
 *       started it;</li>
 *   <li>{@code unshare --pid --fork --kill-child}: the process runs as PID 1 of a new PID
 *       namespace, and dies with its keeper; when PID 1 dies the kernel SIGKILLs every process
 *       left in the namespace (writers, their children, the image server);</li>
 *   <li>{@code --mount --propagation private}: mounts made inside never reach the machine's
 *       table; when the namespace's last process is gone the kernel unmounts them all (the file
 *       systems, the FUSE mount, the tmpfs holding the images), and loop devices attached with
 *       LO_FLAGS_AUTOCLEAR detach as their mounts go;</li>
 *   <li>{@code --mount-proc}: /proc shows the new PID namespace, so that /proc/PID of a process
 *       started inside is that process.</li>
 * </ul>
 *
 * See <a href="https://man7.org/linux/man-pages/man1/unshare.1.html">unshare(1)</a>,
 * <a href="https://man7.org/linux/man-pages/man7/pid_namespaces.7.html">pid_namespaces(7)</a>.
 */
public final class PrivateNamespace {
    /** Set in the environment of the process started inside, and so of everything it starts. */
    public static final String MARKER = "CLOBBER_PRIVATE_NAMESPACE";

    private PrivateNamespace() {}

    /** Whether this process runs in a namespace {@link #processBuilder} made. */
    public static boolean inside() {
        return "1".equals(System.getenv(MARKER));
    }

    /** The command line that runs {@code command} in a fresh private namespace. */
    public static List<String> wrap(List<String> command) {
        List<String> wrapped = new ArrayList<>(List.of("setpriv", "--pdeathsig", "KILL", "--",
                "unshare", "--mount", "--propagation", "private", "--pid", "--fork", "--kill-child=KILL", "--mount-proc", "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    /**
     * A process builder for {@code command} in a fresh private namespace, its environment
     * marked. The thread that starts it must outlive it: the namespace dies with that thread.
     */
    public static ProcessBuilder processBuilder(List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(wrap(command));
        builder.environment().put(MARKER, "1");
        return builder;
    }

    /** {@code java [jvmOptions] -cp <this JVM's class path> mainClass args} ({@link JavaCommand}). */
    public static List<String> javaCommand(List<String> jvmOptions, String mainClass, List<String> args) {
        List<String> options = new ArrayList<>();
        // No perf data file: in a PID namespace of its own a JVM's pid is small, another
        // namespace's JVM of the same pid may hold /tmp/hsperfdata_<user>/<pid>, and the JVM's
        // warning about it would go to stdout.
        options.add("-XX:-UsePerfData");
        options.addAll(jvmOptions);
        return JavaCommand.of(options, null, mainClass, args);
    }

    /**
     * Runs {@code mainClass} with {@code args} again, in a fresh private namespace, with this
     * process's stdin, stdout and stderr; returns its exit code. Ctrl-C reaches both processes
     * (one foreground group); this one waits, a few seconds at most, for the other to clean up.
     */
    public static int relaunch(List<String> jvmOptions, String mainClass, List<String> args) throws IOException, InterruptedException {
        Process process = processBuilder(javaCommand(jvmOptions, mainClass, args)).inheritIO().start();
        Thread waitOnExit = new Thread(() -> {
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "wait-for-namespace");
        Runtime.getRuntime().addShutdownHook(waitOnExit);
        int code = process.waitFor();
        try {
            Runtime.getRuntime().removeShutdownHook(waitOnExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway, and finds the process gone
        }
        return code;
    }
}
