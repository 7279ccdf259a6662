package dev.clobber.atomicjson;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One commit of a batch of updates: lock, read once, apply every change in order, write once,
 * unlock. It records each update's outcome in the update and throws nothing: a change that throws
 * fails that update alone (the document as it was before the change goes on to the next one,
 * made again by applying the changes before it to the file's document); a
 * commit that fails (the lock, the read, the write) fails every update it had not failed already.
 */
final class Commit {
    private Commit() {}

    static void of(List<Update> batch, DataFile data) {
        Update first = batch.getFirst();
        try (LockFile _ = LockFile.exclusive(data.lockFile())) {
            batch.forEach(u -> u.observer.locked(u == first));
            // A file that does not parse throws here, before anything is written: it is never overwritten.
            ObjectNode read = data.read();
            batch.forEach(u -> u.observer.read());
            List<Update> applied = new ArrayList<>();
            // One copy for the batch, not one a change: at 1,000 keys a copy costs as much as a
            // change. A change that throws may have half changed it: it is made again from the
            // file's document, with the changes that succeeded before, and the batch goes on.
            ObjectNode document = read.deepCopy();
            for (Update update : batch) {
                try {
                    document = apply(update, document);
                    applied.add(update);
                } catch (Throwable t) {
                    update.failure = t;
                    document = read.deepCopy();
                    for (Update before : applied) {
                        document = apply(before, document);
                    }
                }
            }
            if (!applied.isEmpty()) {
                replace(data, StrictJson.bytes(document), applied);
            }
            batch.forEach(u -> u.observer.beforeUnlock(u == first));
        } catch (Throwable t) {
            // Anything, an observer's Error too: a commit that threw would leave its waiters waiting forever.
            for (Update update : batch) {
                if (update.failure == null) {
                    update.failure = t;
                }
            }
        }
    }

    private static ObjectNode apply(Update update, ObjectNode document) {
        ObjectNode changed = update.change.apply(document);
        if (changed == null) {
            throw new NullPointerException("the change returned null, not the changed document");
        }
        return changed;
    }

    private static void replace(DataFile data, byte[] bytes, List<Update> applied) throws IOException {
        Path temp = data.writeTemp(bytes);
        boolean renamed = false;
        try {
            applied.forEach(u -> u.observer.beforeRename());
            data.renameOver(temp);
            renamed = true;
        } finally {
            if (!renamed) {
                Files.deleteIfExists(temp);
            }
        }
    }
}
