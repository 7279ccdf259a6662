package clobber.driver.blockdev;

import java.io.IOException;

/** Looks at one crash state while it is mounted (a judge reads the writers' files there). Must close every file it opens. */
@FunctionalInterface
public interface StateVisitor {
    void visit(CrashState state, StateView view) throws IOException;
}
