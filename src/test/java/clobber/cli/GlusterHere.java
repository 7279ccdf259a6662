package clobber.cli;

import clobber.os.GlusterVolume;
import org.junit.jupiter.api.Assumptions;

/**
 * Whether the hosts driver can set up its GlusterFS volume on this machine. Where it cannot
 * (GlusterFS not installed, no /dev/fuse, not root), the tests that need it are skipped with the
 * reason; on CI (CI=true), where ./clobber test installs GlusterFS, they fail instead.
 */
final class GlusterHere {
    private GlusterHere() {}

    static void required() {
        String missing = GlusterVolume.unavailable();
        if (missing == null) {
            return;
        }
        if ("true".equals(System.getenv("CI"))) {
            throw new AssertionError("the hosts driver cannot run here, and CI=true: " + missing);
        }
        Assumptions.abort("the hosts driver cannot run here: " + missing);
    }
}
