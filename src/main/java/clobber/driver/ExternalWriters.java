package clobber.driver;

import java.util.List;

/**
 * Writers that are programs, in any language: {@code count} copies of {@code command}, run by
 * {@code /bin/sh -c} with {@code {file}}, {@code {writer}} and {@code {count}} replaced by the data
 * file, the writer's number and its number of updates. Each speaks the line protocol of
 * the README ("External writers"): it prints {@code ready}, waits for {@code go} on stdin, prints
 * {@code ack SEQ} after each update it completed (optionally {@code enter NANOS} and
 * {@code exit NANOS} around its critical section, on CLOCK_MONOTONIC), then {@code done}.
 */
public record ExternalWriters(String command, int count) {

    /** The command line for writer number {@code writer}. */
    public List<String> commandFor(String file, int writer, int writes) {
        String line = command.replace("{file}", quote(file))
                .replace("{writer}", Integer.toString(writer))
                .replace("{count}", Integer.toString(writes));
        return List.of("/bin/sh", "-c", line);
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
