package clobber.driver.powerloss;

import clobber.driver.trace.Replay;
import clobber.driver.trace.TraceFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The operations a power cut is made of, from hand-written strace lines of one writer in the run's
 * directory /d (data.json there before the run, inode 0): bytes written by writev and pwritev where
 * they land, a temp file written in /tmp and renamed in as one file, a name resolved against the
 * directory a writer moved to, an acknowledgement on the writer's protocol pipe.
 */
class DurableOpsTest {
    @TempDir
    Path scratch;

    private List<FsOp> ops(String... lines) throws Exception {
        Path traces = Files.createTempDirectory(scratch, "traces");
        String[] dated = new String[lines.length];
        for (int i = 0; i < lines.length; i++) {
            dated[i] = "100 1.000" + String.format("%03d", i) + "000 " + lines[i];
        }
        Files.write(traces.resolve("W0.trace"), List.of(dated));
        return DurableOps.of(Replay.of(TraceFile.merged(traces), List.of("/d/data.json"), Map.of("/d/data.json", 2L),
                path -> path.equals("/d") || path.startsWith("/d/") || path.startsWith("/tmp/"), "/"), Path.of("/d")).ops();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void writevAndPwritevPutTheirBytesWhereTheKernelDoes() throws Exception {
        List<FsOp> ops = ops(
                "openat(AT_FDCWD</d>, \"/d/data.json\", O_RDWR) = 3</d/data.json>",
                "writev(3</d/data.json>, [{iov_base=\"\\x7b\\x7d\", iov_len=2}, {iov_base=\"\\x20\\x20\", iov_len=2}], 2) = 4",
                "pwritev(3</d/data.json>, [{iov_base=\"\\x61\", iov_len=1}, {iov_base=\"\\x62\\x63\", iov_len=2}], 2, 10) = 3",
                "write(3</d/data.json>, \"\\x78\\x79\", 2) = 2");
        List<FsOp.Write> writes = ops.stream().filter(op -> op instanceof FsOp.Write).map(op -> (FsOp.Write) op).toList();
        assertEquals(3, writes.size(), ops.toString());
        assertEquals("{}  ", new String(writes.get(0).bytes(), StandardCharsets.ISO_8859_1));
        assertEquals(0, writes.get(0).offset());
        assertEquals("abc", new String(writes.get(1).bytes(), StandardCharsets.ISO_8859_1));
        assertEquals(10, writes.get(1).offset());
        assertEquals(4, writes.get(2).offset(), "pwritev leaves the position where writev left it");
    }

    @Test
    void aTempFileInTmpRenamedIntoTheDirectoryIsOneFileAndTheAckIsOnItsPipe() throws Exception {
        List<FsOp> ops = ops(
                "openat(AT_FDCWD</d>, \"/tmp/tmpab12\", O_RDWR|O_CREAT|O_EXCL, 0600) = 4</tmp/tmpab12>",
                "write(4</tmp/tmpab12>, \"\\x7b\\x7d\", 2) = 2",
                "fsync(4</tmp/tmpab12>) = 0",
                "close(4</tmp/tmpab12>) = 0",
                "chdir(\"/tmp\") = 0",
                "rename(\"tmpab12\", \"/d/data.json\") = 0",
                "openat(AT_FDCWD</tmp>, \"/d\", O_RDONLY|O_DIRECTORY) = 5</d>",
                "fsync(5</d>) = 0",
                "write(1<pipe:[4711]>, \"\\x61\\x63\\x6b\\x20\\x30\\x0a\", 6) = 6");
        assertEquals(List.of(
                new FsOp.Write("W0", 1, 0, bytes("{}")).toString().replaceAll("\\[B@\\w+", ""),
                new FsOp.SyncFile("W0", 1).toString(),
                new FsOp.Rename("W0", "/tmp/tmpab12", "data.json", 1).toString(),
                new FsOp.SyncDirectory("W0").toString(),
                new FsOp.Ack("W0", 0, 0).toString()),
                ops.stream().map(op -> op.toString().replaceAll("\\[B@\\w+", "")).toList(),
                "no create of a name outside the directory: a cut's state holds the directory's names only");
    }
}
