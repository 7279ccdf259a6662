package clobber.cli;

import clobber.driver.hosts.SharedFileSystem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two hosts, one file on a GlusterFS volume: Metaflow's atomic_json_update, correct on one
 * machine, meets another client's rename. As shipped, it opens the data file by a name its client
 * still maps to the replaced inode, and dies of ESTALE (a failure of the writer, quoted, not bad
 * input); with --shared-fs it lists the directory first, and every update survives. Each run sets
 * up and takes down the volume and the hosts: seconds.
 */
@org.junit.jupiter.api.parallel.ResourceLock(clobber.SharedResources.HOSTS)
class HostsDriverTest {

    private static final Path WRITER = Path.of("src/main/writers/python/atomic_json_update.py").toAbsolutePath();

    @TempDir
    Path sandbox;

    @BeforeAll
    static void glusterHere() {
        ServedHere.required(SharedFileSystem.GLUSTERFS);
    }

    /**
     * Two Python writers on two hosts, judged against {@code strategy}'s claim: the shipped writer
     * is lockfile+atomic-replace's protocol, the one with --shared-fs group-commit's.
     */
    private ClobberProcess twoPythonWriters(String name, String strategy, String flag) throws Exception {
        Path cwd = Files.createDirectory(sandbox.resolve(name));
        return ClobberProcess.run(cwd, "run", "--strategy", strategy, "--driver", "hosts",
                "--writers", "0", "--external-writers", "2", "--writes", "60",
                "--writer-cmd", "python3 " + WRITER + flag + " {file} {writer} {count}");
    }

    @Test
    void theWriterThatListsItsDirectoryUnderTheLockIsSafeOnTwoHosts() throws Exception {
        ClobberProcess p = twoPythonWriters("shared-fs", "group-commit", " --shared-fs");
        assertEquals(0, p.exit(), p.out() + p.err());
        assertTrue(p.out().contains("SAFE"), p.out());
        assertTrue(p.out().contains("hosts: host 2 saw 120 keys"), p.out());
        p.assertNoSurvivor("a writer outlived clobber");
    }

    @Test
    void theWriterAsShippedDiesOfAStaleFileHandleAndThatIsItsFailure() throws Exception {
        ClobberProcess p = twoPythonWriters("as-shipped", "lockfile+atomic-replace", "");
        assertEquals(0, p.exit(), "the writer under test failed, as the claim says it does there; not bad input: " + p.out() + p.err());
        assertTrue(p.out().matches("(?s).*hosts\\+ext .* ERRORS +held.*"), p.out());
        assertTrue(p.out().contains("Stale file handle"), "the writer's stderr is quoted: " + p.out());
        assertTrue(p.out().contains("errors by kind: ESTALE"), p.out());
        assertTrue(p.out().contains("hosts: host 1 ") && p.out().contains("hosts: host 2 "), "each host says what it saw: " + p.out());
    }
}
