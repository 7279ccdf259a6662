package clobber.cli;

import clobber.driver.hosts.SharedFileSystem;
import org.junit.jupiter.api.Assumptions;

/**
 * Whether the hosts driver can serve a file system on this machine. Where it cannot (its
 * packages not installed, no /dev/fuse, not root), the tests that need it are skipped with the
 * reason; on CI (CI=true), where ./clobber test installs every package they need, they fail instead.
 */
final class ServedHere {
    private ServedHere() {}

    static void required(SharedFileSystem fileSystem) {
        String missing = fileSystem.unavailable();
        if (missing == null) {
            return;
        }
        if ("true".equals(System.getenv("CI"))) {
            throw new AssertionError("the hosts driver cannot serve " + fileSystem.label() + " here, and CI=true: " + missing);
        }
        Assumptions.abort("the hosts driver cannot serve " + fileSystem.label() + " here: " + missing);
    }
}
