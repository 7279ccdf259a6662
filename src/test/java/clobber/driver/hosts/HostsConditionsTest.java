package clobber.driver.hosts;

import clobber.strategy.Condition;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A hosts run imposes the condition of its file system, one served here or the user's whatever
 * it is, and not that of processes on one machine, whose lock semantics it need not have.
 */
class HostsConditionsTest {

    @Test
    void aRunOnAFileSystemServedHereImposesThatFileSystemsCondition() {
        for (SharedFileSystem fs : SharedFileSystem.values()) {
            HostsDriver driver = new HostsDriver(null, new HostsDriver.Setup(2, null, List.of(), fs));
            assertEquals(Set.of(fs.condition()), driver.conditions(Condition.hosts(), null), fs.label());
        }
        assertEquals(Condition.HOSTS_CEPHFS, SharedFileSystem.labelled("cephfs").condition());
    }

    @Test
    void aRunOnTheUsersMountsImposesHostsWhateverTheirFileSystem() {
        HostsDriver driver = new HostsDriver(null, new HostsDriver.Setup(2, null, List.of(Path.of("/a"), Path.of("/b")),
                SharedFileSystem.GLUSTERFS));
        assertEquals(Set.of(Condition.HOSTS), driver.conditions(Condition.hosts(), null));
    }
}
