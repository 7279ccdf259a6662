package clobber.driver;

import java.io.IOException;

/** This machine cannot run a driver (a package or a device it needs is missing): said in one line, like bad input. */
public final class Unavailable extends IOException {
    public Unavailable(String message) {
        super(message);
    }
}
