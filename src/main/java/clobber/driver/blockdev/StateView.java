package clobber.driver.blockdev;

import java.nio.file.Path;

/** What a crash state looks like once attached: a mounted file system (recovery has run), or one the kernel would not mount. */
public sealed interface StateView {

    /** The state's file system, mounted read-write at {@code root} after its journal or log recovery. */
    record Mounted(Path root) implements StateView {}

    /** mount(2) refused the state (a file system its own recovery cannot repair): {@code reason}, errno and all. */
    record Unmountable(String reason) implements StateView {}
}
