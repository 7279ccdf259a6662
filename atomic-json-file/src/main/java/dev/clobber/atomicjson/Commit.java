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
 * fails that update alone (the document as it was before the change goes on to the next one); a
 * commit that fails (the lock, the read, the write) fails every update it had not failed already.
 */
final class Commit {
    private Commit() {}

    static void of(List<Update> batch, DataFile data) {
        Update first = batch.getFirst();
        try (LockFile _ = LockFile.exclusive(data.lockFile())) {
            batch.forEach(u -> u.observer.locked(u == first));
            // A file that does not parse throws here, before anything is written: it is never overwritten.
            ObjectNode document = data.read();
            batch.forEach(u -> u.observer.read());
            List<Update> applied = new ArrayList<>();
            for (Update update : batch) {
                try {
                    // A copy each time: a change may modify the document and then throw.
                    ObjectNode changed = update.change.apply(document.deepCopy());
                    if (changed == null) {
                        throw new NullPointerException("the change returned null, not the changed document");
                    }
                    document = changed;
                    applied.add(update);
                } catch (Throwable t) {
                    update.failure = t;
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
