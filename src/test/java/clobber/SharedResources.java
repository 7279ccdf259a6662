package clobber;

/**
 * What test classes running at once must not share, named for {@code @ResourceLock}: the hosts'
 * network namespaces, bridges and file servers (a hosts run sweeps everything named clobber-*
 * before it starts), and the mounts and loop devices of real file systems (a test that checks
 * none is left looks at the whole machine).
 */
public final class SharedResources {
    private SharedResources() {}

    public static final String HOSTS = "clobber-hosts";
    public static final String REAL_FILE_SYSTEMS = "clobber-real-file-systems";
}
