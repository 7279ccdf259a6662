package clobber.driver.trace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The paths on the file system of one directory: the files a rename can move into it (rename(2)
 * fails with EXDEV across file systems). A path is placed by its nearest directory that still
 * exists (a temp directory may be gone by the time the trace is read), whose device id
 * ({@code stat}'s {@code st_dev}) is compared with the directory's. Pipes, sockets, /proc and
 * /dev are never on it.
 */
public final class SameFileSystem implements Predicate<String> {
    private final Object device;
    private final Map<Path, Boolean> placed = new HashMap<>();

    public SameFileSystem(Path directory) throws IOException {
        this.device = Files.getAttribute(directory, "unix:dev");
    }

    @Override
    public boolean test(String path) {
        if (!path.startsWith("/") || path.startsWith("/proc/") || path.startsWith("/dev/") || path.startsWith("/sys/")) {
            return false;
        }
        Path parent = Path.of(path).getParent();
        return parent != null && placed.computeIfAbsent(parent, this::onIt);
    }

    private boolean onIt(Path directory) {
        for (Path at = directory; at != null; at = at.getParent()) {
            try {
                return device.equals(Files.getAttribute(at, "unix:dev"));
            } catch (IOException gone) {
                // a directory removed since: its parent says where it was
            }
        }
        return false;
    }
}
