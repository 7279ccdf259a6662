package clobber.driver.hosts;

import clobber.os.Leftovers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How long the hosts driver takes to set up and take down each file system, and what its servers
 * and clients hold in memory: {@link HostsHere#open} (the sweep, the namespaces, the servers, two
 * client mounts), a judge's mount, and {@link HostsHere#close} (the sweep), {@code n} times, each
 * line ending with what was left (nothing, or the run would be a leak). Not a test: a measurement,
 * run by hand as root (docs/scale.md):
 * <pre>java --enable-native-access=ALL-UNNAMED -cp target/clobber.jar:target/test-classes clobber.driver.hosts.HostsSetupTimes cephfs 10</pre>
 */
public final class HostsSetupTimes {
    private HostsSetupTimes() {}

    public static void main(String[] args) throws IOException {
        SharedFileSystem fs = SharedFileSystem.labelled(args[0]);
        int times = Integer.parseInt(args[1]);
        for (int i = 0; i < times; i++) {
            long start = System.nanoTime();
            HostsHere hosts = HostsHere.open(2, fs);
            long up = System.nanoTime();
            long rss = 0;
            StringBuilder each = new StringBuilder();
            for (ProcessHandle p : Leftovers.processes()) {
                long kib = residentKib(p);
                rss += kib;
                each.append(p.info().command().orElse("?").replaceAll(".*/", "")).append(' ').append(kib / 1024).append(" MiB, ");
            }
            hosts.fresh();
            long judged = System.nanoTime();
            hosts.close();
            long down = System.nanoTime();
            System.out.printf("%s: up %.2f s, a judge's mount %.2f s, down %.2f s; %d MiB resident (%s); left: %s%n", fs.label(),
                    (up - start) / 1e9, (judged - up) / 1e9, (down - judged) / 1e9, rss / 1024, each.toString().replaceAll(", $", ""),
                    Leftovers.present());
        }
    }

    private static long residentKib(ProcessHandle p) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(p.pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return 0;
    }
}
