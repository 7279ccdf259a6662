package clobber.cli;

import clobber.driver.hosts.SharedFileSystem;
import clobber.os.Leftovers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hosts driver leaves nothing behind: after ten runs, one of them SIGKILLed while its writers
 * worked (no shutdown hook runs then), there is no mount, gluster process, network namespace or
 * veth of clobber's. The run after the killed one sweeps what it left, by name, before it sets up.
 */
@org.junit.jupiter.api.parallel.ResourceLock(clobber.SharedResources.HOSTS)
class HostsTeardownTest {

    @TempDir
    Path sandbox;

    @BeforeAll
    static void glusterHere() {
        ServedHere.required(SharedFileSystem.GLUSTERFS);
    }

    @Test
    void tenRunsOneOfThemKilledLeaveNoMountProcessNamespaceOrLink() throws Exception {
        List<String> afterKill = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Path cwd = Files.createDirectory(sandbox.resolve("run-" + i));
            if (i == 4) {
                // SIGKILL once the writers work on the hosts: the volume is mounted and in use.
                ClobberProcess killed = ClobberProcess.run(cwd, 1, HostsTeardownTest::killOnceWriting,
                        "run", "--strategy", "lockfile+atomic-replace", "--driver", "hosts", "--writers", "2", "--writes", "100000");
                assertEquals(137, killed.exit(), killed.err());
                afterKill = Leftovers.present();
                continue;
            }
            ClobberProcess p = ClobberProcess.run(cwd, "run", "--strategy", "lockfile+atomic-replace", "--driver", "hosts",
                    "--writers", "2", "--writes", "5");
            assertTrue(p.exit() == 0 || p.exit() == 1, "run " + i + ": " + p.out() + p.err());
            assertTrue(p.out().contains("hosts: shared volume: GlusterFS"), "run " + i + " ran on the volume: " + p.out() + p.err());
            assertEquals(List.of(), Leftovers.present(), "run " + i + " left something behind");
            p.assertNoSurvivor("run " + i + ": a worker outlived clobber");
        }
        assertTrue(!afterKill.isEmpty(), "the killed run had left its volume and hosts, for the next run to sweep");
        assertEquals(List.of(), Leftovers.present());
    }

    /** Waits (a minute at most) until both hosts' mounts are there and a worker JVM of clobber's runs, then SIGKILLs clobber. */
    private static void killOnceWriting(Process clobber) {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && !(mounted("/run/clobber/mnt/h2") && clobber.descendants()
                .anyMatch(p -> p.info().commandLine().orElse("").contains("clobber.driver.process.Worker")))) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
        clobber.destroyForcibly();
    }

    private static boolean mounted(String point) {
        try {
            return Files.readString(Path.of("/proc/self/mounts")).contains(" " + point + " ");
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
