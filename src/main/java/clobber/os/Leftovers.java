package clobber.os;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Everything of clobber's shared volume and hosts, found by name and removed: mounts under
 * {@code /run/clobber}, the gluster processes serving {@code clobber-vol} (clients, brick, and the
 * glusterd started with clobber's pid file), glusterd's record of the volume, the namespaces and
 * links named {@code clobber-*}, and the brick. The same sweep ends a run and starts the next:
 * a run killed with SIGKILL runs no shutdown hook, and what it left is found here by its names.
 * Every step goes on whatever the previous one did, so that one stuck thing does not keep the
 * rest behind.
 */
public final class Leftovers {
    private static final Path VOLUME_RECORD = Path.of("/var/lib/glusterd/vols", GlusterVolume.NAME);
    private static final Path VOLUME_RUN_STATE = Path.of("/run/gluster/vols", GlusterVolume.NAME);

    private Leftovers() {}

    /** Removes everything; returns what could not be removed (empty when nothing is left). */
    public static List<String> sweep() {
        List<String> stuck = new ArrayList<>();
        // Mounts first: a FUSE client killed under a live mount leaves it "not connected", still mounted.
        for (String mountPoint : mountPoints()) {
            try {
                GlusterVolume.unmount(Path.of(mountPoint));
            } catch (IOException e) {
                stuck.add("mount " + mountPoint + ": " + e.getMessage());
            }
        }
        stuck.addAll(endProcesses());
        for (Path state : List.of(VOLUME_RECORD, VOLUME_RUN_STATE, GlusterVolume.BRICK, GlusterVolume.MOUNTS, GlusterVolume.PID_FILE)) {
            deleteTree(state, stuck);
        }
        for (String namespace : lines(List.of("ip", "netns", "list"))) {
            String name = namespace.split(" ")[0];
            if (name.startsWith(HostNetwork.PREFIX)) {
                SystemCommand.quietly(List.of("ip", "netns", "del", name));
            }
        }
        for (String link : links()) {
            SystemCommand.quietly(List.of("ip", "link", "del", link));
        }
        links().forEach(link -> stuck.add("link " + link));
        lines(List.of("ip", "netns", "list")).stream().filter(n -> n.startsWith(HostNetwork.PREFIX))
                .forEach(n -> stuck.add("namespace " + n));
        return stuck;
    }

    /** What of clobber's is there now, in words: empty when the machine is clean. */
    public static List<String> present() {
        List<String> found = new ArrayList<>();
        mountPoints().forEach(m -> found.add("mount " + m));
        processes().forEach(p -> found.add("process " + p.pid() + " " + commandLine(p.pid())));
        lines(List.of("ip", "netns", "list")).stream().filter(n -> n.startsWith(HostNetwork.PREFIX))
                .forEach(n -> found.add("namespace " + n));
        links().forEach(l -> found.add("link " + l));
        return found;
    }

    /** Mount points under clobber's directory, deepest first, from this mount namespace's table. */
    private static List<String> mountPoints() {
        try {
            return Files.readAllLines(Path.of("/proc/self/mounts")).stream()
                    .map(line -> line.split(" ")[1].replace("\\040", " "))
                    .filter(point -> point.startsWith(GlusterVolume.ROOT + "/"))
                    .sorted(Comparator.reverseOrder()).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /**
     * The gluster processes of clobber's volume: a program named gluster* whose command line names
     * the volume or clobber's directory (glusterd by its pid file, the brick and clients by volume).
     */
    private static List<ProcessHandle> processes() {
        return ProcessHandle.allProcesses().filter(p -> {
            String line = commandLine(p.pid());
            String program = line.split(" ")[0].substring(line.split(" ")[0].lastIndexOf('/') + 1);
            return program.startsWith("gluster") && (line.contains(GlusterVolume.NAME) || line.contains(GlusterVolume.ROOT + "/"));
        }).toList();
    }

    /** SIGTERM, a few seconds, then SIGKILL to what is left. */
    private static List<String> endProcesses() {
        List<ProcessHandle> found = processes();
        found.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (found.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
            pause();
        }
        found.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        deadline = System.nanoTime() + 5_000_000_000L;
        while (found.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
            pause();
        }
        return found.stream().filter(ProcessHandle::isAlive).map(p -> "process " + p.pid()).toList();
    }

    /** The network links named clobber-*, without the "@peer" that ip shows after a veth's name. */
    private static List<String> links() {
        return lines(List.of("ip", "-o", "link", "show")).stream()
                .map(line -> line.split(": ")[1].split("@")[0])
                .filter(name -> name.startsWith(HostNetwork.PREFIX)).toList();
    }

    private static String commandLine(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")), StandardCharsets.UTF_8)
                    .replace('\0', ' ').strip();
        } catch (IOException | RuntimeException gone) {
            return "";
        }
    }

    private static List<String> lines(List<String> command) {
        try {
            return SystemCommand.run(command).lines().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static void deleteTree(Path root, List<String> stuck) {
        if (!Files.exists(root)) {
            return;
        }
        try {
            FileTrees.delete(root);
        } catch (IOException e) {
            stuck.add(root + ": " + e.getMessage());
        }
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
