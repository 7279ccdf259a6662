package clobber.cli;

import clobber.driver.CrashCall;
import clobber.driver.CrashPlan;
import clobber.driver.ExternalWriters;
import clobber.driver.hosts.SharedFileSystem;
import clobber.driver.Pause;
import clobber.driver.RunSpec;
import clobber.driver.hosts.HostsDriver;
import clobber.driver.powerloss.PersistenceModel;
import clobber.driver.threads.ThreadDriver;
import clobber.os.HostNetwork;
import clobber.driver.UpdateCommand;
import clobber.driver.blockdev.FsSpec;
import clobber.format.DataFormat;
import clobber.workload.Keys;
import clobber.os.LockPrimitive;
import clobber.report.AtomicFiles;
import clobber.run.DriverOptions;
import clobber.run.Plan;
import clobber.strategy.Step;
import clobber.strategy.WriteStrategy;
import clobber.workload.Workload;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

/** The options shared by {@code run} and {@code matrix}. */
final class RunOptions {

    @Option(names = "--workload", description = "keys (each update adds a unique key), counter (each update increments one number) or create (each update is a new record file). Default: create for strategies that write new files, keys for the others.")
    String workload;

    @Option(names = "--writers", defaultValue = "" + Plan.DEFAULT_WRITERS, description = "Concurrent writers. Default: ${DEFAULT-VALUE} (explore: 2).")
    int writers;

    @Option(names = {"--writes", "--updates"}, defaultValue = "" + Plan.DEFAULT_WRITES, description = "Updates per writer. Default: ${DEFAULT-VALUE} (explore: 1).")
    int writes;

    @Option(names = "--lock", description = "Lock primitive for strategies that take a lock: flock (default), posix, ofd, channel.")
    String lock;

    @Option(names = "--pause", paramLabel = "STEP:MICROS", description = "Widen a race window: every writer sleeps MICROS at STEP (before-lock, after-lock, after-read, after-truncate, mid-write, before-rename, before-unlock).")
    List<String> pauses = List.of();

    @Option(names = "--model", defaultValue = "posix", description = "The powerloss driver's persistence model: posix (what POSIX promises, ALICE's worst case) or ext4-ordered. Default: ${DEFAULT-VALUE}.")
    String model;

    @Option(names = "--max-states", defaultValue = "" + DriverOptions.DEFAULT_MAX_STATES, description = "The powerloss driver's bound on the states judged at each crash point. Default: ${DEFAULT-VALUE}.")
    int maxStates;

    @Option(names = "--processes", defaultValue = "" + DriverOptions.DEFAULT_PROCESSES, description = "Worker JVMs for the mixed driver; the writers are spread over them as threads. Default: ${DEFAULT-VALUE}.")
    int processes;

    @Option(names = "--runs", defaultValue = "1", description = "Repeat each run this many times. Default: ${DEFAULT-VALUE}.")
    int runs;

    @Option(names = "--timeout", defaultValue = "" + RunSpec.Limits.DEFAULT_TIMEOUT_SECONDS, description = "Seconds a run may take before it is stopped and reported STALLED. Default: ${DEFAULT-VALUE}.")
    int timeoutSeconds;

    @Option(names = "--stall-after", defaultValue = "" + RunSpec.Limits.DEFAULT_STALL_SECONDS, description = "Seconds without a completed update after which a run is stopped and reported STALLED. Default: ${DEFAULT-VALUE}.")
    int stallSeconds;

    @Option(names = "--readers", defaultValue = "0", description = "Reader threads that read the data file without a lock while the writers run, counting torn reads (the readers driver uses " + ThreadDriver.READERS + ").")
    int readers;

    @Option(names = "--crash-at", paramLabel = "STEP|CALL:N", description = "Java writer processes kill themselves (SIGKILL) at this step; or external writers are killed right after their Nth call of CALL (write, ftruncate, rename, fsync) on the data file, e.g. ftruncate:1: --crashes of them, each once. Needs --driver processes or crash.")
    String crashAt;

    /** How many writers --crash-at crashes without --crashes. */
    private static final int DEFAULT_CRASHES = 1;

    @Option(names = "--crashes", description = "With --crash-at: how many writers crash (default " + DEFAULT_CRASHES + "). With --crash-rate: how many kills a run makes at most (default: as many as the rate gives).")
    Integer crashes;

    @Option(names = "--crash-rate", description = "Kill a random writer process this many times a second, at random moments (--crashes of them at most), instead of the crash driver's one crash at each step.")
    Double crashRate;

    @Option(names = "--writer-cmd", paramLabel = "CMD", description = "An external writer, any program speaking the line protocol (README: External writers); {file}, {writer}, {count} are filled in. Needs --driver processes.")
    String writerCommand;

    @Option(names = "--update-cmd", paramLabel = "CMD", description = "A tool as external writers: CMD is run by /bin/sh once per update, {file}, {key}, {value}, {writer}, {seq} filled in as shell-quoted words; exit 0 acknowledges the update, anything else gives it up, quoting its stderr (docs/libraries.md). Keys workload.")
    String updateCommand;

    @Option(names = "--external-writers", description = "How many copies of --writer-cmd or --update-cmd to run. Default: 1.")
    Integer externalWriters;

    @Option(names = "--format", paramLabel = "FORMAT", description = "How the external writers keep the data file: json (default), yaml, toml, properties or ini (the keys in section [s]); the judge, the readers and the power-loss states read it so. Other than json needs --writers 0: clobber's strategies write JSON.")
    String format;

    @Option(names = "--hosts", defaultValue = "" + DriverOptions.DEFAULT_HOSTS, description = "Hosts for the hosts driver, each a network namespace with its own client mount of a file system served here. Default: ${DEFAULT-VALUE}.")
    int hosts;

    @Option(names = "--shared-fs", paramLabel = "FS", description = "The file system the hosts driver serves here: glusterfs (default), cephfs or sshfs.")
    String sharedFs;

    @Option(names = "--host-cmd", paramLabel = "TEMPLATE", description = "With --shared-dirs: how the hosts driver starts a process on host {n}, given its shell command line as the last argument, e.g. 'ssh host{n}'. Default: this machine.")
    String hostCommand;

    @Option(names = "--shared-dirs", split = ",", paramLabel = "DIR", description = "The hosts driver on mounts of your own (NFS, CephFS, EFS...): one directory per host, each the same directory of the share; the first must be mounted where clobber runs.")
    List<Path> sharedDirs = List.of();

    @Option(names = "--dir", description = "Scratch directory for the runs' files: must be empty or absent; kept afterwards. Default: a temp directory, deleted afterwards.")
    Path dir;

    @Option(names = "--json", description = "Write the result JSON here (atomically).")
    Path json;

    @Option(names = "--fs", paramLabel = "KIND[:OPTIONS]", description = "Put the runs' files on a real file system of clobber's own: "
            + "ext4, xfs or btrfs on a block device clobber serves (e.g. ext4:noauto_da_alloc, ext4:data=journal), made, mounted "
            + "and removed in a private namespace; needs root and /dev/fuse. With --driver powerloss, the power cuts are recorded "
            + "from the kernel's block writes instead of a model.")
    String fs;

    @Option(names = "--seed", description = "The seed of every random choice of the runs (crash victims and moments, backoffs); "
            + "run N of a cell uses seed+N. Default: a new one, printed, so that a failing run replays with --seed.")
    Long seed;

    /** Below this a random kill is a matter of hours; 1e-12 made the interval overflow into continuous kills. */
    static final double MIN_CRASH_RATE = 0.01;
    static final double MAX_CRASH_RATE = 1_000;
    /** About 70 bytes of trace an update, in the driver and in its worker: 10 million stays well within a default heap. */
    static final long MAX_UPDATES = 10_000_000;

    /** Checks every number and path before anything is written. */
    void validate() {
        if (writerCommand != null && updateCommand != null) {
            throw new BadInput("--writer-cmd and --update-cmd are two kinds of external writer; choose one");
        }
        external();
        DataFormat kept = dataFormat();
        if (kept != DataFormat.JSON && writers > 0) {
            throw new BadInput("--format " + kept.name() + ": clobber's strategies write JSON; run the tool's writers alone with --writers 0");
        }
        if (kept != DataFormat.JSON && external() == null) {
            throw new BadInput("--format " + kept.name() + " is the format the external writers keep; give --writer-cmd or --update-cmd");
        }
        if ((updateCommand != null || kept != DataFormat.JSON) && workload != null && !workload.equals("keys")) {
            throw new BadInput((updateCommand != null ? "--update-cmd" : "--format " + kept.name())
                    + " runs the keys workload (each update adds a key), not --workload " + workload);
        }
        requireRange("--writers", writers, external() == null ? 1 : 0, 10_000);
        requireRange("--readers", readers, 0, 64);
        requireRange("--stall-after", stallSeconds, 1, 86_400);
        if (crashes != null) {
            requireRange("--crashes", crashes, 1, 10_000);
            if (crashAt == null && crashRate == null) {
                throw new BadInput("--crashes counts the crashes of --crash-at or --crash-rate, and neither was given");
            }
        }
        if (externalWriters != null && writerCommand == null && updateCommand == null) {
            throw new BadInput("--external-writers runs copies of --writer-cmd or --update-cmd, and neither was given");
        }
        requireRange("--external-writers", externalWriters(), 1, 1_000);
        // Written so that NaN fails too: every comparison with NaN is false.
        if (crashRate != null && !(crashRate >= MIN_CRASH_RATE && crashRate <= MAX_CRASH_RATE)) {
            throw new BadInput("--crash-rate must be between " + MIN_CRASH_RATE + " and " + (int) MAX_CRASH_RATE
                    + " kills a second, not " + crashRate);
        }
        if (crashRate != null && crashAt != null) {
            throw new BadInput("--crash-at and --crash-rate are two kinds of crash; choose one");
        }
        if (crashAt != null) {
            crashPlan();
        }
        requireRange("--writes", writes, 1, MAX_UPDATES);
        long updates = (long) (writers + (external() == null ? 0 : externalWriters())) * writes;
        if (updates > MAX_UPDATES) {
            throw new BadInput("--writers x --writes is " + updates + " updates a run; clobber keeps every update's "
                    + "trace in memory and takes at most " + MAX_UPDATES);
        }
        requireRange("--runs", runs, 1, 100_000);
        requireRange("--processes", processes, 1, 256);
        requireRange("--max-states", maxStates, 2, 100_000);
        persistenceModel();
        fsSpec();
        pauses.forEach(pause -> BadInput.of(() -> Pause.parse(pause)));
        if (workload != null) {
            workload();
        }
        if (lock != null) {
            BadInput.of(() -> LockPrimitive.named(lock));
        }
        requireRange("--timeout", timeoutSeconds, 1, 86_400);
        requireRange("--hosts", hosts, 1, HostNetwork.MAX_HOSTS);
        if (hostCommand != null && hostCommand.isBlank()) {
            throw new BadInput("--host-cmd is empty: give a command that runs a shell command line on host {n}, e.g. 'ssh host{n}'");
        }
        if (hostCommand != null && sharedDirs.isEmpty()) {
            throw new BadInput("--host-cmd starts writers on hosts of your own, which need --shared-dirs: their mounts of the shared file system");
        }
        if (sharedFs != null && !sharedDirs.isEmpty()) {
            throw new BadInput("--shared-fs sets up a file system here; --shared-dirs names mounts of your own: give one of them");
        }
        if (sharedFs != null) {
            sharedFileSystem();
        }
        if (sharedDirs.size() == 1) {
            throw new BadInput("--shared-dirs needs one directory per host, two or more, not " + sharedDirs.getFirst());
        }
        if (!sharedDirs.isEmpty() && !Files.isDirectory(sharedDirs.getFirst())) {
            throw new BadInput("--shared-dirs: " + sharedDirs.getFirst() + " is not a directory here; clobber lays out and judges each run through the first");
        }
        if (dir != null && dir.toString().isEmpty()) {
            throw new BadInput("--dir is an empty path; give a directory");
        }
        if (json != null) {
            String unwritable = AtomicFiles.unwritable(json);
            if (unwritable != null) {
                throw new BadInput("--json " + json + ": " + unwritable);
            }
            if (dir != null && json.toAbsolutePath().normalize().equals(dir.toAbsolutePath().normalize())) {
                throw new BadInput("--json and --dir both name " + json + ": the scratch directory and the result JSON need a name each");
            }
        }
    }

    private int externalWriters() {
        return externalWriters == null ? 1 : externalWriters;
    }

    private static void requireRange(String option, long value, long min, long max) {
        if (value < min || value > max) {
            throw new BadInput(option + " must be between " + min + " and " + max + ", not " + value);
        }
    }

    /** The options of the drivers that take any. */
    DriverOptions driverOptions() {
        return new DriverOptions(processes, persistenceModel(), maxStates,
                new HostsDriver.Setup(hosts, hostCommand, sharedDirs, sharedFileSystem()), fsSpec());
    }

    /** The file system served here for the hosts driver. */
    private SharedFileSystem sharedFileSystem() {
        return sharedFs == null ? SharedFileSystem.GLUSTERFS : BadInput.of(() -> SharedFileSystem.labelled(sharedFs));
    }

    /** The real file system asked for, or null. */
    FsSpec fsSpec() {
        return fs == null ? null : BadInput.of(() -> FsSpec.parse(fs));
    }

    /** The plan of --crash-at: at a step (Java writers) or right after a system call (external writers). */
    private CrashPlan crashPlan() {
        int count = crashes == null ? DEFAULT_CRASHES : crashes;
        return BadInput.of(() -> CrashCall.written(crashAt) ? CrashPlan.atCall(CrashCall.parse(crashAt), count)
                : CrashPlan.atStep(Step.labelled(crashAt), count));
    }

    /** The powerloss driver's model. */
    PersistenceModel persistenceModel() {
        return BadInput.of(() -> PersistenceModel.labelled(model));
    }

    /** The chosen workload, or null for each strategy's own; a tool's writers (--update-cmd, --format) run keys, in their format. */
    Workload workload() {
        if (updateCommand != null || dataFormat() != DataFormat.JSON) {
            return new Keys(dataFormat());
        }
        return workload == null ? null : BadInput.of(() -> Workload.named(workload));
    }

    /** The format the data file is kept in. */
    DataFormat dataFormat() {
        return format == null ? DataFormat.JSON : BadInput.of(() -> DataFormat.named(format));
    }

    /** The external writers, if any: --writer-cmd, or clobber's launcher around --update-cmd. */
    ExternalWriters external() {
        if (updateCommand != null) {
            try {
                return ExternalWriters.perUpdate(new UpdateCommand(updateCommand), externalWriters());
            } catch (IllegalArgumentException e) {
                throw new BadInput("--update-cmd " + e.getMessage());
            }
        }
        return writerCommand == null ? null : new ExternalWriters(writerCommand, externalWriters());
    }

    /** {@code strategy} with the chosen lock, if one was chosen. */
    WriteStrategy withLock(WriteStrategy strategy) {
        return lock == null ? strategy : BadInput.of(() -> strategy.withLock(LockPrimitive.named(lock)));
    }

    /** The seed of the runs: the one given, or a new one. */
    long seed() {
        if (seed == null) {
            seed = new java.util.Random().nextLong() >>> 1; // positive, to be typed back as it is printed
        }
        return seed;
    }

    /** What every run of this command shares, applied to each run's plain spec. */
    UnaryOperator<RunSpec> settings() {
        List<Pause> parsed = pauses.stream().map(Pause::parse).toList();
        CrashPlan crash = crashAt != null ? crashPlan() : crashRate != null ? CrashPlan.random(crashRate, crashes == null ? CrashPlan.UNBOUNDED : crashes) : null;
        ExternalWriters external = external();
        RunSpec.Stress stress = new RunSpec.Stress(parsed, readers, crash);
        RunSpec.Limits limits = new RunSpec.Limits(Duration.ofSeconds(timeoutSeconds), Duration.ofSeconds(stallSeconds));
        long base = seed();
        return spec -> spec.withStress(stress).withLimits(limits).withExternal(external).withSeed(base);
    }
}
