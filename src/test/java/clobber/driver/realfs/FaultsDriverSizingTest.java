package clobber.driver.realfs;

import clobber.driver.ExternalWriters;
import clobber.driver.RunSpec;
import clobber.driver.UpdateCommand;
import clobber.driver.blockdev.FsSpec;
import clobber.format.DataFormat;
import clobber.strategy.LockFileAtomicReplace;
import clobber.workload.Blocks;
import clobber.workload.Keys;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * The faults driver grows a JSON document a block an update (Blocks), so that the full disk stops
 * the next update; a tool's file kept in another format (git config's and crudini's INI) keeps
 * its format, or the tool would be handed "{}" and the judge would read its INI as JSON.
 */
class FaultsDriverSizingTest {
    private static RunSpec spec(DataFormat format) {
        return RunSpec.of(new LockFileAtomicReplace(), new Keys(format), 0, 25, Path.of("data.json"))
                .withExternal(ExternalWriters.perUpdate(new UpdateCommand("crudini --set {file} s {key} {value}"), 4));
    }

    @Test
    void aJsonDocumentGrowsABlockAnUpdate() {
        RunSpec sized = new FaultsDriver(null, FsSpec.parse("ext4")).sized(spec(DataFormat.JSON));
        assertInstanceOf(Blocks.class, sized.workload());
    }

    @Test
    void aToolsFileInAnotherFormatKeepsItsFormat() {
        RunSpec sized = new FaultsDriver(null, FsSpec.parse("ext4")).sized(spec(DataFormat.named("ini")));
        Keys keys = assertInstanceOf(Keys.class, sized.workload());
        assertEquals("ini", keys.format().name());
    }
}
