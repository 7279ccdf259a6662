package clobber.os;

import java.io.IOException;
import java.util.List;

/**
 * Hosts on one machine: each a network namespace of its own, {@code clobber-h1}, {@code clobber-h2}
 * ..., linked by a veth pair to a bridge in the root namespace, {@code clobber-br}: one small LAN
 * whose server side, {@link #SERVER} on the bridge, is where the file server listens. A process
 * started in a host's namespace reaches the server only over its veth, as a client on another
 * machine reaches it over a wire. The addresses are link-local (169.254.213.0/24): nothing outside
 * the machine routes them, and they meet no real network.
 *
 * <p>Every name starts with {@code clobber-}, so that {@link Leftovers} finds what a killed run
 * left behind. Deleting a namespace deletes the veth end inside it, and with it the peer.
 */
public final class HostNetwork {
    public static final String PREFIX = "clobber-";
    public static final String BRIDGE = PREFIX + "br";
    public static final String SERVER = "169.254.213.1";
    /** Host addresses are 169.254.213.(10 + n): at most this many hosts. */
    public static final int MAX_HOSTS = 200;

    private HostNetwork() {}

    /** The namespace of host {@code n} (1-based). */
    public static String namespace(int n) {
        return PREFIX + "h" + n;
    }

    /** Host {@code n}'s address on the LAN. */
    public static String address(int n) {
        return "169.254.213." + (10 + n);
    }

    /** Makes the bridge and {@code hosts} namespaces, each linked to it. */
    public static void create(int hosts) throws IOException {
        if (hosts < 1 || hosts > MAX_HOSTS) {
            throw new IllegalArgumentException("between 1 and " + MAX_HOSTS + " hosts, not " + hosts);
        }
        ip("link", "add", BRIDGE, "type", "bridge");
        ip("addr", "add", SERVER + "/24", "dev", BRIDGE);
        ip("link", "set", BRIDGE, "up");
        for (int n = 1; n <= hosts; n++) {
            String ns = namespace(n);
            String outside = ns + "r"; // at most 15 characters: clobber-h200r is 13
            String inside = ns + "n";
            ip("netns", "add", ns);
            ip("link", "add", outside, "type", "veth", "peer", "name", inside, "netns", ns);
            ip("link", "set", outside, "master", BRIDGE);
            ip("link", "set", outside, "up");
            ip("-n", ns, "addr", "add", address(n) + "/24", "dev", inside);
            ip("-n", ns, "link", "set", inside, "up");
            ip("-n", ns, "link", "set", "lo", "up");
        }
    }

    private static void ip(String... args) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of("ip"));
        command.addAll(List.of(args));
        SystemCommand.run(command);
    }
}
