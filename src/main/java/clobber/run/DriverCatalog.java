package clobber.run;

import clobber.driver.Driver;
import clobber.driver.hosts.HostsDriver;
import clobber.driver.blockdev.FsSpec;
import clobber.driver.powerloss.PowerLossDriver;
import clobber.driver.realfs.FaultsDriver;
import clobber.driver.realfs.RecordedPowerLoss;
import clobber.driver.process.LockTraceDriver;
import clobber.driver.process.ProcessDriver;
import clobber.driver.process.ProcessWriters;
import clobber.driver.stepped.SteppedWriters;
import clobber.driver.threads.ThreadDriver;
import clobber.driver.threads.ThreadWriters;
import clobber.os.Named;
import clobber.strategy.Condition;

import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Every driver clobber has, one entry each: its name on the command line, what its writers are,
 * the conditions it imposes, whether {@code matrix} runs it unless told which, how it is made, and,
 * for the drivers whose writers the explorer can step, how their writers are made stepped. Names
 * and conditions are known before anything is started. A new driver is one class and one entry.
 */
public final class DriverCatalog {
    private DriverCatalog() {}

    /**
     * One driver: {@code name}, what its {@code writers} are, the {@code conditions} it imposes,
     * whether it is one of the {@code matrix}'s default columns, whether its runs make real file
     * systems of their own ({@code realFs}: they need clobber's private namespace), how it is made
     * from a session's context, and (null where the explorer cannot step its writers) how its
     * writers are made stepped.
     */
    public record Entry(String name, String writers, Set<Condition> conditions, boolean byDefault, boolean realFs,
                        Function<DriverContext, Driver> driver, Function<DriverContext, SteppedWriters.Factory> stepped) {

        public Entry {
            conditions = Set.copyOf(conditions);
        }

        public boolean steppable() {
            return stepped != null;
        }
    }

    public static final List<Entry> ENTRIES = List.of(
            new Entry("threads", "W threads of one JVM, released by one start signal",
                    EnumSet.of(Condition.THREADS), true, false, c -> ThreadDriver.threads(c.pool()), c -> ThreadWriters::new),
            new Entry("processes", "W worker JVMs, one writer each; all warm up, report ready, then one start signal",
                    EnumSet.of(Condition.PROCESSES), true, false, c -> ProcessDriver.processes(c.pool()),
                    c -> spec -> new ProcessWriters(spec, c.pool())),
            new Entry("mixed", "`--processes` JVMs (default " + DriverOptions.DEFAULT_PROCESSES + "), the W writers spread over them as threads",
                    EnumSet.of(Condition.THREADS, Condition.PROCESSES), true, false,
                    c -> ProcessDriver.mixed(c.pool(), c.options().processes()), null),
            new Entry("crash", "as `processes`, and writers are killed with SIGKILL: a Java writer at each step of an update, an external"
                    + " writer right after its first write, ftruncate, rename or fsync of the data file (or at `--crash-at`; `--crash-rate R`"
                    + " kills one at random moments); each killed Java writer is replaced and the run goes on",
                    EnumSet.of(Condition.PROCESSES, Condition.CRASH), true, false, c -> ProcessDriver.crashing(c.pool()), null),
            new Entry("readers", "as `threads`, plus reader threads (`--readers`, default " + ThreadDriver.READERS
                    + ") that read the file without the lock the whole time",
                    EnumSet.of(Condition.THREADS, Condition.READERS), true, false, c -> ThreadDriver.withReaders(c.pool()), null),
            new Entry("locks", "as `processes` (at most " + LockTraceDriver.WRITERS + " Java writers of " + LockTraceDriver.UPDATES
                    + " updates), every writer process, worker JVMs too, under strace; every change of the data file, and the read"
                    + " it rests on, checked to be made under a lock that excludes every other writer's ([docs/locks.md](docs/locks.md))",
                    EnumSet.of(Condition.PROCESSES), true, false, c -> new LockTraceDriver(c.pool()), null),
            new Entry("powerloss", "one writer process (and any `--writer-cmd` writers) under strace; every state a power cut at any"
                    + " point could leave, under `--model posix` (default) or `ext4-ordered`, judged like a final state; with"
                    + " `--fs`, the kernel's own block writes recorded instead, each state mounted ([docs/realfs.md](docs/realfs.md))",
                    EnumSet.of(Condition.POWER_LOSS), true, false,
                    c -> c.options().fs() == null ? new PowerLossDriver(c.pool(), c.options().model(), c.options().maxStates())
                            : new RecordedPowerLoss(c.pool(), c.options().fs(), c.options().maxStates()), null),
            new Entry("faults", "as `processes`, on a real ext4 of clobber's own: the device fails every write outside the journal"
                    + " (EIO) for a while, then the disk fills up (ENOSPC); judged too as a power cut after each acknowledgement"
                    + " would leave it ([docs/realfs.md](docs/realfs.md))",
                    EnumSet.of(Condition.PROCESSES, Condition.FAULTS), true, true,
                    c -> new FaultsDriver(c.pool(), c.options().fs() == null ? FsSpec.parse("ext4") : c.options().fs()), null),
            new Entry("hosts", "`--hosts` hosts (default " + DriverOptions.DEFAULT_HOSTS + ") sharing one file on a network file system:"
                    + " by default network namespaces with their own clients of a GlusterFS, CephFS or sshfs (`--shared-fs`) that"
                    + " clobber serves on their bridge alone, sets up and removes; the writer processes spread over them"
                    + " ([docs/scale.md](docs/scale.md)); a run imposes the condition of its file system, `hosts` on `--shared-dirs`"
                    + " of your own",
                    Condition.hosts(), false, false, c -> new HostsDriver(c.pool(), c.options().hosts()), null));

    /** The drivers {@code matrix} runs unless told which. */
    public static List<Entry> defaults() {
        return ENTRIES.stream().filter(Entry::byDefault).toList();
    }

    /** The driver called {@code name}; an {@link IllegalArgumentException} listing the names otherwise. */
    public static Entry named(String name) {
        return Named.find("driver", name, ENTRIES, Entry::name);
    }

    /** The default driver that imposes {@code condition} and as little else as can be, if any. */
    public static Optional<Entry> imposing(Condition condition) {
        return defaults().stream().filter(entry -> entry.conditions().contains(condition))
                .min(Comparator.comparingInt(entry -> entry.conditions().size()));
    }
}
