package clobber.driver.hosts;

import clobber.check.Evidence;
import clobber.driver.Driver;
import clobber.driver.RunSpec;
import clobber.driver.process.ErrorKind;
import clobber.driver.process.Placement;
import clobber.driver.process.ProcessRun;
import clobber.driver.process.WorkerPool;
import clobber.os.FileTrees;
import clobber.os.SystemCommand;
import clobber.strategy.Condition;
import clobber.strategy.CorruptDocumentException;
import clobber.workload.Workload;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Writers on several hosts, one shared file on a distributed file system: the processes driver
 * with each writer process on a host of its own (round robin), naming the file by its host's
 * mount. What holds between processes of one kernel (a flock, a rename that every later open
 * sees) is now up to the file system's protocol: its lock server, its client caches, its file
 * handles. A run imposes the condition of its file system: {@link Condition#HOSTS} on the user's
 * mounts, whatever they are, or that of the {@link SharedFileSystem} set up here. Not
 * {@link Condition#PROCESSES} besides: that is processes on one kernel's file system, whose lock
 * semantics a shared file system need not have (posix-lock-close-drops loses writes between
 * processes on ext4 and none through ceph-fuse, which keeps a POSIX lock past the close that
 * drops it on one machine). Each hosts condition is processes on hosts of that file system.
 *
 * <p>By default the hosts and their file server are made here ({@link HostsHere}); with
 * {@code --shared-dirs} they are the user's ({@link MountedHosts}). A run's files are laid out in
 * its scratch directory as for any driver, moved onto the volume, and after the run copied back
 * as a client with nothing cached reads them, to be judged there. Each host then reads the file
 * too, and says what it saw: two clients of one volume need not agree.
 */
public final class HostsDriver implements Driver {

    /**
     * How many hosts, how a process starts on one (null: the default), the user's mounts, and,
     * where there are none, the file system to serve them here.
     */
    public record Setup(int hosts, String hostCommand, List<Path> sharedDirs, SharedFileSystem fileSystem) {

        public Setup {
            sharedDirs = List.copyOf(sharedDirs);
        }
    }

    private final WorkerPool pool;
    private final Setup setup;
    private SharedVolume volume;
    private List<WorkerPool> pools;
    private String unreachable;
    private boolean probed;

    public HostsDriver(WorkerPool pool, Setup setup) {
        this.pool = pool;
        this.setup = setup;
    }

    /** Processes and hosts, whatever the run adds: the hosts run neither readers nor crashes. */
    @Override
    public Set<Condition> conditions(Set<Condition> nominal, RunSpec spec) {
        return Set.of(setup.sharedDirs().isEmpty() ? setup.fileSystem().condition() : Condition.HOSTS);
    }

    @Override
    public String unfit(RunSpec spec) {
        if (spec.stress().crash() != null) {
            return "crashes are the crash driver's, on one machine";
        }
        if (spec.stress().readers() > 0) {
            return "readers are threads of clobber's own JVM, on no host";
        }
        if (spec.writers().total() < 2) {
            return "one writer shares its file with nobody: give two or more";
        }
        return unreachable();
    }

    /**
     * Why the user's hosts cannot be used, found once, before any run, by running {@code true} and
     * {@code test -d DIR} on each: null if every host starts a process and has its directory.
     */
    private String unreachable() {
        if (!probed && !setup.sharedDirs().isEmpty()) {
            HostLaunch launch = new HostLaunch(setup.hostCommand() == null ? "sh -c" : setup.hostCommand());
            for (int host = 1; host <= setup.sharedDirs().size() && unreachable == null; host++) {
                Path directory = setup.sharedDirs().get(host - 1);
                String started = probe(launch, host, List.of("true"));
                String seen = started == null ? probe(launch, host, List.of("test", "-d", directory.toString())) : null;
                unreachable = started != null ? "--host-cmd '" + launch.template() + "' cannot start a process on host " + host + ": " + started
                        : seen != null ? "--shared-dirs: host " + host + " has no directory " + directory + " (" + seen + ")" : null;
            }
        }
        probed = true;
        return unreachable;
    }

    /** What went wrong running {@code command} on {@code host}, or null if it exited 0. */
    private static String probe(HostLaunch launch, int host, List<String> command) {
        try {
            SystemCommand.run(launch.command(host, command));
            return null;
        } catch (SystemCommand.Failed e) {
            return e.stderr().isBlank() ? e.getMessage() : e.stderr();
        } catch (IOException e) {
            return e.getMessage().strip();
        }
    }

    @Override
    public Evidence run(RunSpec spec) throws InterruptedException, IOException {
        open();
        Path here = spec.file().toAbsolutePath().getParent();
        // A folder of the run's own on the share, which may be the user's and hold other runs'
        // folders, an earlier clobber's or one going now: named so that none has its name, removed after.
        String directory = here.getFileName() + "-" + java.util.UUID.randomUUID();
        String file = spec.file().getFileName().toString();
        Path onShare = volume.local().resolve(directory);
        try {
            moveOnto(here, onShare);
            int hosts = volume.hosts();
            Placement placement = new Placement(slot -> pools.get(slot % hosts),
                    slot -> volume.root(slot % hosts + 1).resolve(directory).resolve(file),
                    (slot, writer, command) -> volume.launch().command(slot % hosts + 1, command));
            ProcessRun run = new ProcessRun(spec, placement, spec.writers().count(), ProcessRun.Listener.NONE);
            Evidence evidence = run.execute();
            copyBack(volume.fresh().resolve(directory), here);
            List<String> notes = new ArrayList<>();
            notes.add("shared volume: " + volume.description());
            String kinds = ErrorKind.summary(run.errors());
            if (kinds != null) {
                notes.add(kinds);
            }
            for (int host = 1; host <= hosts; host++) {
                notes.add(sight(host, volume.root(host).resolve(directory), file, spec.workload()));
            }
            return evidence.noted(notes);
        } finally {
            if (Files.exists(onShare)) {
                FileTrees.delete(onShare);
            }
        }
    }

    /** Sets up the hosts and their volume on first use. */
    private void open() throws IOException {
        if (volume != null) {
            return;
        }
        if (setup.sharedDirs().isEmpty()) {
            volume = HostsHere.open(setup.hosts(), setup.fileSystem());
        } else {
            volume = new MountedHosts(setup.sharedDirs(), new HostLaunch(setup.hostCommand() == null ? "sh -c" : setup.hostCommand()));
        }
        pools = new ArrayList<>();
        for (int host = 1; host <= volume.hosts(); host++) {
            int number = host;
            pools.add(pool.wrapped("h" + host, command -> volume.launch().command(number, command)));
        }
    }

    /**
     * What host {@code host} reads of the run's file through its own mount: a document's size, or
     * why it could not. It lists the directory first, as a careful reader must: a client may
     * still map the name to an inode another client's rename replaced (see docs/scale.md).
     */
    private String sight(int host, Path directory, String file, Workload workload) {
        try {
            if (!workload.hasDocument()) {
                String names = SystemCommand.run(volume.launch().command(host, List.of("ls", "-1", directory.toString())));
                return "host " + host + " saw " + names.lines().count() + " files";
            }
            byte[] bytes = SystemCommand.output(volume.launch().command(host, List.of("sh", "-c",
                    "ls \"$1\" > /dev/null && exec cat \"$2\"", "sh", directory.toString(), directory.resolve(file).toString())));
            return "host " + host + " saw " + workload.format().parse(bytes).size() + " keys";
        } catch (CorruptDocumentException e) {
            return "host " + host + " saw a file that does not parse: " + e.getMessage();
        } catch (SystemCommand.Failed e) {
            return "host " + host + " could not read it: " + e.stderr();
        } catch (IOException e) {
            return "host " + host + " could not read it: " + e.getMessage();
        }
    }

    /** Moves the files laid out in {@code from} into {@code to} on the volume. */
    private static void moveOnto(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.move(f, to.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** Copies what the volume holds in {@code from} into {@code to}, where the checker reads it. */
    private static void copyBack(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) {
                if (Files.isRegularFile(f)) {
                    Files.copy(f, to.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /** Ends the hosts' workers, then the hosts and the volume. */
    @Override
    public void close() {
        if (pools != null) {
            pools.forEach(WorkerPool::close);
        }
        if (volume != null) {
            volume.close();
        }
    }
}
