package clobber.strategy;

/** A condition a driver imposes on a strategy; a {@link Claim} names those the strategy survives. */
public enum Condition {
    /** Concurrent writers that are threads of one process. */
    THREADS("threads"),
    /** Concurrent writers in separate processes. */
    PROCESSES("processes"),
    /** Writers killed (SIGKILL) at any point of an update. */
    CRASH("crash"),
    /** Readers that read the data file, without taking the writers' lock, while writers write. */
    READERS("readers"),
    /**
     * A power cut (or kernel crash) at any point: what was not yet on disk is lost, unlike a
     * SIGKILL, which leaves the page cache to be written.
     */
    POWER_LOSS("power-loss"),
    /**
     * Writers on several machines that share the file through a network file system (GlusterFS,
     * NFS): a lock and a rename hold only as far as its protocol carries them, and each client
     * caches names and data of its own.
     */
    HOSTS("hosts"),
    /**
     * A disk that fails writes for a while (EIO at the writer's fsync, after which the kernel may
     * have marked the pages clean) and then fills up (ENOSPC), a power cut after any
     * acknowledgement showing what reached it.
     */
    FAULTS("faults");

    private final String label;

    Condition(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    @Override
    public String toString() {
        return label;
    }
}
