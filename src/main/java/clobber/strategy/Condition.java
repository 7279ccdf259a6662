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
     * Writer processes on several machines that share the file through a network file system of
     * the user's (NFS, CephFS, EFS, ...): a lock and a rename hold only as far as its protocol
     * carries them, and each client caches names and data of its own. Which file system it is,
     * nobody here knows: a claim names what any of the ones below may bring. Each hosts condition
     * stands for processes too, on that file system: its locks, not one kernel's, decide.
     */
    HOSTS("hosts"),
    /** Hosts sharing a GlusterFS volume: locks kept by the brick for every client; names cached by each client's FUSE. */
    HOSTS_GLUSTERFS("hosts-glusterfs"),
    /** Hosts sharing a CephFS: locks kept by the MDS, caches held under capabilities the MDS revokes. */
    HOSTS_CEPHFS("hosts-cephfs"),
    /** Hosts sharing a directory over sshfs: no lock leaves its client, and names and attributes are cached for seconds. */
    HOSTS_SSHFS("hosts-sshfs"),
    /**
     * A disk that fails writes for a while (EIO at the writer's fsync, after which the kernel may
     * have marked the pages clean) and then fills up (ENOSPC), a power cut after any
     * acknowledgement showing what reached it.
     */
    FAULTS("faults");

    /** The conditions of writers on several hosts: on a file system of the user's, and on each clobber serves. */
    public static java.util.Set<Condition> hosts() {
        return java.util.EnumSet.of(HOSTS, HOSTS_GLUSTERFS, HOSTS_CEPHFS, HOSTS_SSHFS);
    }

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
