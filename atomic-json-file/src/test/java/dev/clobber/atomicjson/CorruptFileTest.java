package dev.clobber.atomicjson;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A data file that does not parse is never overwritten: every update that finds it fails, naming the file. */
class CorruptFileTest {

    @TempDir
    Path dir;

    private record Garbage(String what, byte[] bytes) {}

    private static Garbage utf8(String what, String text) {
        return new Garbage(what, text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void everyUpdateOfTheBatchFailsNamingTheFileAndTheBytesStay() throws Exception {
        List<Garbage> cases = List.of(
                utf8("a second value after the first", "{\"a\":1} {\"b\":2}"),
                utf8("cut off", "{\"a\":"),
                utf8("empty", ""),
                utf8("not an object", "[1,2]"),
                new Garbage("not UTF-8", "{\"a\":\"\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1)));
        for (Garbage garbage : cases) {
            Path file = Files.createTempDirectory(dir, "c").resolve("data.json");
            Files.write(file, garbage.bytes());
            AtomicJsonFile json = AtomicJsonFile.open(file);
            List<CompletableFuture<Void>> batch = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                int n = i;
                batch.add(json.updateAsync(document -> document.put("k" + n, n)));
            }
            for (CompletableFuture<Void> update : batch) {
                CompletionException failed = assertThrows(CompletionException.class, update::join, garbage.what());
                CorruptJsonFileException corrupt = assertInstanceOf(CorruptJsonFileException.class, failed.getCause());
                assertEquals(file.toAbsolutePath(), corrupt.file());
                assertTrue(corrupt.getMessage().startsWith(file.toAbsolutePath() + ": "), corrupt.getMessage());
            }
            assertArrayEquals(garbage.bytes(), Files.readAllBytes(file), garbage.what() + ": the bytes are left as they were");
            try (Stream<Path> left = Files.list(file.getParent())) {
                assertEquals(List.of("data.json", "data.json.lock"), left.map(p -> p.getFileName().toString()).sorted().toList());
            }
            CorruptJsonFileException sync = assertThrows(CorruptJsonFileException.class, () -> json.update(d -> d));
            System.out.println(garbage.what() + ": " + sync.getMessage());
        }
    }

    @Test
    void aStaleFileHandleIsLookedUpAndOpenedAgainWhileItLasts() throws Exception {
        Path file = dir.resolve("data.json");
        Files.writeString(file, "{\"a\":1}");
        int[] stale = {9};
        DataFile once = new DataFile(file, path -> {
            if (stale[0]-- > 0) {
                throw new FileSystemException(path.toString(), null, "Stale file handle");
            }
            return Files.readAllBytes(path);
        });
        assertEquals("{\"a\":1}", once.read().toString());

        DataFile always = new DataFile(file, path -> {
            throw new FileSystemException(path.toString(), null, "Stale file handle");
        });
        IOException e = assertThrows(IOException.class, always::read);
        assertTrue(e.getMessage().contains("Stale file handle"), "ten stale handles in a row are an error: " + e.getMessage());
    }
}
