package clobber.strategy;

import clobber.os.Named;

/**
 * The named points of an update at which a strategy calls its {@link StepHook}. They are where the
 * patterns differ, and so where races and crashes are decided: the harness pauses a writer at one
 * to widen a race window, halts the process at one to crash it, or holds writers there to replay a
 * chosen interleaving.
 */
public enum Step {
    /**
     * The update has begun and holds no lock: the file it locks is open (the os layer stamps this
     * between the open and the lock request) and the lock not yet asked for. A writer that opened
     * the data file before a rename replaced it holds the old inode here.
     */
    BEFORE_LOCK("before-lock", false),
    /** The lock is held. A strategy without a lock marks here where its critical section begins. */
    AFTER_LOCK("after-lock", false),
    /** The document has been read; nothing has been written yet. */
    AFTER_READ("after-read", true),
    /** The data file has been truncated in place; none of the new content is written yet. */
    AFTER_TRUNCATE("after-truncate", false),
    /** The first half of the new content is written, the second half is not. */
    MID_WRITE("mid-write", true),
    /** The temp file is complete (and fsynced, where the strategy fsyncs) but not yet renamed. */
    BEFORE_RENAME("before-rename", false),
    /** The update is complete and the lock still held. A strategy without a lock marks its end here. */
    BEFORE_UNLOCK("before-unlock", false);

    private final String label;
    private final boolean everyUpdate;

    Step(String label, boolean everyUpdate) {
        this.label = label;
        this.everyUpdate = everyUpdate;
    }

    /**
     * Whether every update passes this step, whatever its pattern: it reads (or claims) what it
     * changes, and it writes. A lock, a truncate, a rename are some patterns' and not others'.
     */
    public boolean everyUpdate() {
        return everyUpdate;
    }

    /** The name used on the command line, e.g. {@code after-truncate}. */
    public String label() {
        return label;
    }

    public static Step labelled(String label) {
        return Named.find("step", label, java.util.Arrays.asList(values()), Step::label);
    }

    @Override
    public String toString() {
        return label;
    }
}
