package clobber.os;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Every process clobber starts for a run, in a cgroup (v2) of its own, under one cgroup of this
 * JVM's: {@code <this JVM's cgroup>/clobber-<pid>/p<n>}. A process enters its cgroup before it
 * runs anything, and whatever it starts stays there however it detaches (setsid, a double fork, a
 * daemon): a process group or a session does not hold such a child, a cgroup does. Killing one
 * writes {@code cgroup.kill}, which sends SIGKILL to every process in the cgroup at once (Linux
 * 5.14, <a href="https://docs.kernel.org/admin-guide/cgroup-v2.html#core-interface-files">cgroup v2
 * core interface files</a>).
 *
 * <p>Nothing outlives clobber, however it ends. A normal end kills what is left and removes the
 * cgroups; Ctrl-C and SIGTERM do the same in a shutdown hook; and since SIGKILL runs no hook, a
 * watchdog, started outside the cgroups with a pipe from this JVM on its stdin, reads end of file
 * when the JVM is gone, however it went, and kills and removes them itself.
 *
 * <p>Where there is no cgroup v2 hierarchy this JVM may write to (not root, no delegation),
 * {@link #here} is empty and processes are held by their process group alone. So it is
 * for a JVM that is PID 1 of a PID namespace of its own: when it ends the kernel kills every
 * process of the namespace, which holds its processes better than a cgroup, and a cgroup named
 * after PID 1 would be every such JVM's name, left behind by the one SIGKILL ended with its
 * watchdog (<a href="https://man7.org/linux/man-pages/man7/pid_namespaces.7.html">pid_namespaces(7)</a>).
 */
public final class Containment {
    private static final String WATCHDOG = """
            read _                                    # end of file: the JVM that wrote here is gone
            [ -d "$0" ] || exit 0
            echo 1 > "$0/cgroup.kill" 2>/dev/null
            i=0
            while [ $i -lt 100 ]; do
              find "$0" -depth -type d -exec rmdir {} + 2>/dev/null
              [ -d "$0" ] || exit 0
              i=$((i + 1)); sleep 0.1
            done
            """;

    private static Optional<Containment> instance;

    private final Path root;
    private final OutputStream lifeline;
    private final AtomicInteger leaves = new AtomicInteger();

    private Containment(Path root, OutputStream lifeline) {
        this.root = root;
        this.lifeline = lifeline;
    }

    /** The cgroup of this JVM's processes, made (with its watchdog) on first need; empty where cgroups cannot be used. */
    public static synchronized Optional<Containment> here() {
        if (instance == null) {
            instance = create();
        }
        return instance;
    }

    private static Optional<Containment> create() {
        try {
            Path own = ownCgroup().orElse(null);
            if (own == null || !Files.isWritable(own) || ProcessHandle.current().pid() == 1) {
                return Optional.empty();
            }
            Path root = Files.createDirectory(own.resolve("clobber-" + ProcessHandle.current().pid()));
            if (!Files.exists(root.resolve("cgroup.kill"))) {
                Files.delete(root); // a kernel before 5.14: no way to kill a cgroup at once
                return Optional.empty();
            }
            Process watchdog = new ProcessBuilder("setsid", "sh", "-c", WATCHDOG, root.toString())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            Containment containment = new Containment(root, watchdog.getOutputStream());
            Runtime.getRuntime().addShutdownHook(new Thread(containment::close, "kill-cgroups"));
            return Optional.of(containment);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** This JVM's cgroup in the v2 hierarchy: the mount of type cgroup2, and the "0::" line of /proc/self/cgroup. */
    private static Optional<Path> ownCgroup() throws IOException {
        Optional<String> mount = Files.readAllLines(Path.of("/proc/self/mounts")).stream()
                .map(line -> line.split(" ")).filter(f -> f.length > 2 && f[2].equals("cgroup2")).map(f -> f[1]).findFirst();
        Optional<String> path = Files.readAllLines(Path.of("/proc/self/cgroup")).stream()
                .filter(line -> line.startsWith("0::")).map(line -> line.substring(3)).findFirst();
        if (mount.isEmpty() || path.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Path.of(mount.get(), path.get().replaceFirst("^/", "")));
    }

    /** A new cgroup for one process: {@link Leaf#wrap} its command to start it there. */
    public Leaf leaf() throws IOException {
        return new Leaf(Files.createDirectory(root.resolve("p" + leaves.incrementAndGet())));
    }

    /** This JVM's cgroup directory, for tests and notes. */
    public Path root() {
        return root;
    }

    /** One process's cgroup. */
    public record Leaf(Path directory) {

        /** {@code command}, started so that its first act is to move itself into this cgroup, then exec what it was. */
        public List<String> wrap(List<String> command) {
            List<String> wrapped = new ArrayList<>(List.of("/bin/sh", "-c", "echo $$ > \"$0\" && exec \"$@\"",
                    directory.resolve("cgroup.procs").toString()));
            wrapped.addAll(command);
            return wrapped;
        }

        /** SIGKILL to every process in the cgroup, a wait (a few seconds at most) for them to be gone, and the cgroup removed. */
        public void kill() {
            Containment.kill(directory);
        }
    }

    private static void kill(Path cgroup) {
        if (!Files.isDirectory(cgroup)) {
            return;
        }
        try {
            Files.writeString(cgroup.resolve("cgroup.kill"), "1");
        } catch (IOException gone) {
            return;
        }
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline && Files.exists(cgroup)) {
            try (Stream<Path> tree = Files.walk(cgroup)) {
                for (Path dir : tree.filter(Files::isDirectory).sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(dir); // rmdir: succeeds once the cgroup holds no process
                }
                return;
            } catch (IOException | java.io.UncheckedIOException stillBusy) {
                // a cgroup still holding a process, or one its watchdog removed while the walk went
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Kills every process of every cgroup here, removes them, and lets the watchdog go. */
    private void close() {
        kill(root);
        try {
            lifeline.close();
        } catch (IOException ignored) {
            // the watchdog reads end of file either way
        }
    }
}
