package clobber.driver;

import clobber.check.Unkept;

import java.util.regex.Pattern;

/**
 * A failure that says the machine, not the strategy, failed an update: the file system ran out of
 * space or quota (ENOSPC, errno 28; EDQUOT, errno 122). Read from the text of any writer's error,
 * Java's ("No space left on device", strerror's wording, which clobber's own system calls and the
 * JDK both give) or another language's ("[Errno 28]"). A run where one happened did not test the
 * strategy (every strategy fails to write to a full disk), unless filling it was the run's condition.
 */
public final class EnvironmentFailure {
    private static final Pattern OUT_OF_SPACE = Pattern.compile(
            "No space left on device|\\bENOSPC\\b|Errno 28\\]|errno 28\\b|Disk quota exceeded|\\bEDQUOT\\b|Errno 122\\]",
            Pattern.CASE_INSENSITIVE);

    private EnvironmentFailure() {}

    /** What {@code error} says of the environment, or null if it says nothing of it. */
    public static Unkept in(String error) {
        if (error == null || !OUT_OF_SPACE.matcher(error).find()) {
            return null;
        }
        return new Unkept(Unkept.Cause.OUT_OF_SPACE,
                "the run's file system ran out of space (ENOSPC or EDQUOT): " + error.lines().findFirst().orElse(""));
    }
}
