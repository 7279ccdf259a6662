package clobber.os;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Everything of clobber's hosts and their file servers, found by name and removed: mounts under
 * {@code /run/clobber}, the processes of its servers and clients (gluster's, Ceph's, sshd and
 * sshfs, each known by a command line that names clobber's directory or volume, and whatever they
 * forked), glusterd's record of the volume, the namespaces and links named {@code clobber-*}, and
 * every file under {@code /run/clobber} but the lock. The same sweep ends a run and starts the
 * next: a run killed with SIGKILL runs no shutdown hook, and what it left is found here by its
 * names. Every step goes on whatever the previous one did, so that one stuck thing does not keep
 * the rest behind.
 */
public final class Leftovers {
    private static final Path VOLUME_RECORD = Path.of("/var/lib/glusterd/vols", GlusterVolume.NAME);
    private static final Path VOLUME_RUN_STATE = Path.of("/run/gluster/vols", GlusterVolume.NAME);
    /** The one file under clobber's directory that stays: the lock that keeps two sweeps apart. */
    public static final Path LOCK = GlusterVolume.ROOT.resolve("hosts.lock");
    /** The programs of clobber's servers and clients, by the first word of their command line. */
    private static final List<String> PROGRAMS = List.of("glusterd", "glusterfsd", "glusterfs", "ceph-mon", "ceph-osd",
            "ceph-mds", "ceph-fuse", "sshd", "sshfs", "ssh");

    private Leftovers() {}

    /** Removes everything; returns what could not be removed (empty when nothing is left). */
    public static List<String> sweep() {
        List<String> stuck = new ArrayList<>();
        // Mounts first: a FUSE client killed under a live mount leaves it "not connected", still mounted.
        for (String mountPoint : mountPoints()) {
            try {
                HostMounts.unmount(Path.of(mountPoint));
            } catch (IOException e) {
                stuck.add("mount " + mountPoint + ": " + e.getMessage());
            }
        }
        stuck.addAll(endProcesses());
        if (Files.exists(SshServer.MADE_PRIVILEGE_SEPARATION)) {
            deleteTree(SshServer.PRIVILEGE_SEPARATION, stuck);
        }
        List<Path> state = new ArrayList<>(List.of(VOLUME_RECORD, VOLUME_RUN_STATE));
        state.addAll(files());
        state.forEach(path -> deleteTree(path, stuck));
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
        files().forEach(f -> found.add("file " + f));
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
     * The processes of clobber's servers and clients: one of {@link #PROGRAMS} whose command line
     * names clobber's volume or directory (glusterd and sshd by their configuration there, the
     * brick and the gluster clients by volume, Ceph's daemons and clients by their configuration,
     * sshfs and its ssh by mount point and key), and everything they forked (sshd's process for
     * each connection, which names nothing).
     */
    public static List<ProcessHandle> processes() {
        List<ProcessHandle> found = ProcessHandle.allProcesses().filter(p -> {
            String line = commandLine(p.pid());
            String first = line.split(" ")[0];
            String program = first.substring(first.lastIndexOf('/') + 1).replace(":", "");
            return PROGRAMS.contains(program) && (line.contains(GlusterVolume.NAME) || line.contains(GlusterVolume.ROOT + "/"));
        }).toList();
        List<ProcessHandle> all = new ArrayList<>(found);
        found.forEach(p -> p.descendants().filter(d -> !all.contains(d)).forEach(all::add));
        return all;
    }

    /** Everything under clobber's directory but the lock. */
    private static List<Path> files() {
        if (!Files.isDirectory(GlusterVolume.ROOT)) {
            return List.of();
        }
        try (var listing = Files.list(GlusterVolume.ROOT)) {
            return listing.filter(path -> !path.equals(LOCK)).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /**
     * SIGTERM, a second, then SIGKILL to what is left: the servers keep nothing worth a clean
     * stop (Ceph's MDS takes 10 s to stop on SIGTERM alone).
     */
    private static List<String> endProcesses() {
        List<ProcessHandle> found = processes();
        found.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + 1_000_000_000L;
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
