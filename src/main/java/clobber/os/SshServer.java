package clobber.os;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A directory shared over SFTP: an OpenSSH {@code sshd} of clobber's own, listening on the
 * bridge's address alone ({@code ListenAddress}), letting in one throwaway key made for the run
 * and nothing else (no password, no PAM), and giving that key nothing but SFTP inside
 * {@link #EXPORT} ({@code ForceCommand internal-sftp}, {@code ChrootDirectory}). A host's client
 * is {@code sshfs}, a FUSE daemon that turns each file operation into SFTP requests over its own
 * ssh connection.
 *
 * <p>SFTP has no locks (OpenSSH declined to add them:
 * <a href="https://github.com/openssh/openssh-portable/pull/66">openssh/openssh-portable#66</a>,
 * and with it <a href="https://github.com/libfuse/sshfs/pull/55">libfuse/sshfs#55</a>), so
 * sshfs implements none, and the kernel keeps a FUSE file's flock and fcntl locks itself, per
 * mount. Two mounts lock two different inodes, however much they name one file: no lock crosses
 * clients. Nor does sshfs ask the server before it answers from its caches: it keeps names and
 * attributes it has seen for 20 s ({@code dcache_timeout}).
 */
public final class SshServer implements FileServer {
    static final Path DIR = GlusterVolume.ROOT.resolve("ssh");
    /** What the key sees as {@code /}: owned by root and by no one else, as a chroot must be. */
    static final Path EXPORT = DIR.resolve("export");
    /** The port, on the bridge's address only; not 22, which a machine's own sshd may hold on every address. */
    static final int PORT = 22213;
    /** OpenSSH's privilege separation directory, which Debian's sshd needs and only its service makes. */
    static final Path PRIVILEGE_SEPARATION = Path.of("/run/sshd");
    /** Present when clobber made {@link #PRIVILEGE_SEPARATION}, so that the sweep removes it again. */
    static final Path MADE_PRIVILEGE_SEPARATION = DIR.resolve("made-run-sshd");

    private static final Path SERVER_KEY = DIR.resolve("server-key");
    private static final Path CLIENT_KEY = DIR.resolve("client-key");
    private static final Path KNOWN_HOSTS = DIR.resolve("known-hosts");

    private static final String CONFIG = """
            ListenAddress %1$s:%2$d
            HostKey %3$s
            PidFile %4$s/sshd.pid
            AuthorizedKeysFile %4$s/authorized-keys
            AuthenticationMethods publickey
            PasswordAuthentication no
            KbdInteractiveAuthentication no
            UsePAM no
            PermitRootLogin prohibit-password
            AllowUsers root
            StrictModes no
            ChrootDirectory %5$s
            ForceCommand internal-sftp
            Subsystem sftp internal-sftp
            AllowTcpForwarding no
            AllowAgentForwarding no
            X11Forwarding no
            PermitTTY no
            """;

    @Override
    public String label() {
        return "sshfs";
    }

    @Override
    public String unavailable() {
        if (!SystemCommand.exists("sshfs") || !SystemCommand.exists("sshd") || !SystemCommand.exists("ssh-keygen")) {
            return "sshfs or OpenSSH's server is not installed (as root: apt-get install --no-install-recommends sshfs openssh-server)";
        }
        return null;
    }

    /**
     * Makes the keys, then starts sshd and waits until it accepts a connection: sshd forks into
     * the background before it binds its port ({@code daemon()} comes before
     * {@code server_listen()} in its main), so a client that comes at once may find nothing
     * there. The key, not the address, lets a client in.
     */
    @Override
    public void start(List<String> clients) throws IOException {
        Files.createDirectories(EXPORT);
        keyPair(SERVER_KEY);
        keyPair(CLIENT_KEY);
        Files.copy(publicKey(CLIENT_KEY), DIR.resolve("authorized-keys"));
        String[] serverKey = Files.readString(publicKey(SERVER_KEY)).strip().split(" ");
        Files.writeString(KNOWN_HOSTS, "[" + HostNetwork.SERVER + "]:" + PORT + " " + serverKey[0] + " " + serverKey[1] + "\n");
        Path config = DIR.resolve("sshd-config");
        Files.writeString(config, CONFIG.formatted(HostNetwork.SERVER, PORT, SERVER_KEY, DIR, EXPORT));
        if (!Files.isDirectory(PRIVILEGE_SEPARATION)) {
            Files.createFile(MADE_PRIVILEGE_SEPARATION);
            Files.createDirectory(PRIVILEGE_SEPARATION);
        }
        SystemCommand.run(List.of(sshd(), "-f", config.toString(), "-E", DIR.resolve("sshd.log").toString()));
        for (int attempt = 0; !accepts(); attempt++) {
            if (attempt == 100) {
                throw new IOException("sshd does not accept connections on " + HostNetwork.SERVER + ":" + PORT + " after 10 s (its log: "
                        + DIR.resolve("sshd.log") + ")");
            }
            GlusterVolume.sleep(100);
        }
    }

    private static boolean accepts() {
        try (Socket probe = new Socket()) {
            probe.connect(new InetSocketAddress(HostNetwork.SERVER, PORT), 1_000);
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    /** An sshfs client of {@link #EXPORT}, which trusts the server's key alone and reads no ssh configuration of the machine's. */
    @Override
    public void mount(Path mountPoint, String namespace) throws IOException {
        HostMounts.mount(mountPoint, namespace, List.of("sshfs", "-F", "/dev/null",
                "-o", "port=" + PORT + ",IdentityFile=" + CLIENT_KEY + ",IdentitiesOnly=yes,BatchMode=yes"
                        + ",StrictHostKeyChecking=yes,UserKnownHostsFile=" + KNOWN_HOSTS + ",GlobalKnownHostsFile=/dev/null",
                "root@" + HostNetwork.SERVER + ":/", mountPoint.toString()));
    }

    @Override
    public String description() {
        return "sshfs of " + EXPORT + ", served by an sshd of clobber's on " + HostNetwork.SERVER + ":" + PORT;
    }

    private static void keyPair(Path privateKey) throws IOException {
        SystemCommand.run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "clobber", "-f", privateKey.toString()));
    }

    private static Path publicKey(Path privateKey) {
        return privateKey.resolveSibling(privateKey.getFileName() + ".pub");
    }

    /** sshd wants to be started by its full path (it re-executes itself for each connection). */
    private static String sshd() {
        return Files.isExecutable(Path.of("/usr/sbin/sshd")) ? "/usr/sbin/sshd" : "sshd";
    }
}
