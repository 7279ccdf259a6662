package clobber.driver.powerloss;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The persistence models on hand-written traces of one replace: data.json (inode 0, "old")
 * replaced by a temp file (inode 1, "new"), with or without each fsync, then acknowledged.
 */
class PersistenceModelTest {
    private static final Map<String, byte[]> INITIAL = new TreeMap<>(Map.of("data.json", bytes("old")));

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static List<FsOp> replace(boolean fileSync, boolean directorySync) {
        List<FsOp> ops = new ArrayList<>(List.of(
                new FsOp.Create("W0", "data.json.tmp", 1),
                new FsOp.Write("W0", 1, 0, bytes("new"))));
        if (fileSync) {
            ops.add(new FsOp.SyncFile("W0", 1));
        }
        ops.add(new FsOp.Rename("W0", "data.json.tmp", "data.json", 1));
        if (directorySync) {
            ops.add(new FsOp.SyncDirectory("W0"));
        }
        ops.add(new FsOp.Ack("W0", 0, 0));
        return ops;
    }

    /** What data.json holds in each state a cut after the last operation (the ack) can leave. */
    private static List<String> afterTheAck(List<FsOp> ops, PersistenceModel model) {
        PersistenceModel.Exploration exploration = model.explore(ops, 1000);
        PersistenceModel.CrashPoint last = exploration.points().getLast();
        assertEquals(ops.size() - 1, last.after());
        List<String> contents = new ArrayList<>();
        for (BitSet persisted : last.persisted()) {
            byte[] data = PersistenceModel.files(ops, persisted, INITIAL).get("data.json");
            contents.add(data == null ? "(missing)" : new String(data, StandardCharsets.UTF_8));
        }
        return contents;
    }

    @Test
    void fsyncOfTheFileAndOfTheDirectoryLeaveOnlyTheNewDocumentOnceAcknowledged() {
        for (PersistenceModel model : PersistenceModel.values()) {
            assertEquals(List.of("new"), afterTheAck(replace(true, true), model).stream().distinct().toList(), model.label());
        }
    }

    @Test
    void withoutTheDirectoryFsyncTheRenameCanBeUndone() {
        List<String> states = afterTheAck(replace(true, false), PersistenceModel.POSIX);
        assertTrue(states.contains("old"), "the rename was not durable: " + states);
        assertFalse(states.contains(""), "the data was fsynced: never an empty file: " + states);
        assertTrue(afterTheAck(replace(true, false), PersistenceModel.EXT4_ORDERED).contains("old"));
    }

    @Test
    void withoutAnyFsyncTheNameCanArriveBeforeItsData() {
        List<String> posix = afterTheAck(replace(false, false), PersistenceModel.POSIX);
        assertTrue(posix.contains(""), "rename kept, write lost: " + posix);
        assertTrue(posix.contains("old") && posix.contains("new"), posix.toString());
        List<String> ext4 = afterTheAck(replace(false, false), PersistenceModel.EXT4_ORDERED);
        assertFalse(ext4.contains(""), "ext4's ordering writes the data before the rename that exposes it: " + ext4);
    }

    @Test
    void aWriteOfSeveralBlocksCanPersistInPart() {
        byte[] big = new byte[2 * PersistenceModel.BLOCK + 10];
        java.util.Arrays.fill(big, (byte) 'x');
        List<FsOp> ops = PersistenceModel.blocks(List.of(new FsOp.Write("W0", 0, 0, big), new FsOp.Ack("W0", 0, 0)));
        assertEquals(4, ops.size(), "three blocks and the ack");
        boolean partial = false;
        for (BitSet persisted : PersistenceModel.POSIX.explore(ops, 1000).points().getLast().persisted()) {
            int length = PersistenceModel.files(ops, persisted, INITIAL).get("data.json").length;
            partial |= length > 3 && length < big.length;
        }
        assertTrue(partial, "some state holds part of the write");
    }

    @Test
    void theBoundOnStatesIsSaidWhenItCutsTheSearch() {
        List<FsOp> ops = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            ops.add(new FsOp.Write("W0", 0, i, bytes("x")));
        }
        PersistenceModel.Exploration cut = PersistenceModel.POSIX.explore(ops, 16);
        assertTrue(cut.bounded());
        assertTrue(cut.points().stream().allMatch(p -> p.persisted().size() <= 16));
        assertFalse(PersistenceModel.POSIX.explore(ops.subList(0, 3), 16).bounded());
    }
}
