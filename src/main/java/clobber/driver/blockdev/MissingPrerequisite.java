package clobber.driver.blockdev;

/**
 * What this machine lacks for real file systems, in one line that says how to get it
 * ("mkfs.xfs not found: apt-get install xfsprogs"). The command line turns it into exit 2.
 */
public final class MissingPrerequisite extends Exception {
    public MissingPrerequisite(String message) {
        super(message);
    }
}
