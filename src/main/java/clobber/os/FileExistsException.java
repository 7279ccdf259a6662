package clobber.os;

import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;

/** {@link NativeFile#createNew} lost the race: the name was already taken. */
public final class FileExistsException extends FileAlreadyExistsException {
    FileExistsException(Path path) {
        super(path.toString());
    }
}
