package clobber.driver;

import clobber.os.SystemCommand;

/**
 * Writers that are programs, in any language: {@code count} copies of {@code command}, one
 * process each. Of two kinds:
 * <ul>
 *   <li>{@link Kind#WRITER_CMD}: the command is a writer that speaks the line protocol of the
 *   README ("External writers") itself, run by {@code /bin/sh -c} with {@code {file}},
 *   {@code {writer}} and {@code {count}} replaced by the data file, the writer's number and its
 *   number of updates: it prints {@code ready}, waits for {@code go} on stdin, prints
 *   {@code ack SEQ} after each update it completed ({@code gave-up SEQ WHY} for one it gave up;
 *   optionally {@code enter NANOS} and {@code exit NANOS} around its critical section, on
 *   CLOCK_MONOTONIC), then {@code done}.</li>
 *   <li>{@link Kind#UPDATE_CMD}: the command is a tool that makes one update ({@link UpdateCommand}),
 *   and clobber's launcher ({@code clobber.driver.process.UpdateLauncher}) speaks the protocol around it.</li>
 * </ul>
 */
public record ExternalWriters(Kind kind, String command, int count) {

    /** What the command is, named by the option that gives it. */
    public enum Kind {
        WRITER_CMD("--writer-cmd"), UPDATE_CMD("--update-cmd");

        private final String option;

        Kind(String option) {
            this.option = option;
        }

        public String option() {
            return option;
        }
    }

    /** Writers that speak the protocol themselves ({@code --writer-cmd}). */
    public ExternalWriters(String command, int count) {
        this(Kind.WRITER_CMD, command, count);
    }

    /** Writers that are clobber's launcher around a command run once per update ({@code --update-cmd}). */
    public static ExternalWriters perUpdate(UpdateCommand command, int count) {
        return new ExternalWriters(Kind.UPDATE_CMD, command.template(), count);
    }

    /** How the run's subject shows them: the count and the command, with its option. */
    public String label() {
        return count + " x " + kind.option() + " " + command;
    }

    /**
     * The {@code --writer-cmd} line of writer number {@code writer}: {@code {file}}, {@code {writer}}
     * and {@code {count}} replaced by the data file (one shell word), the writer's number and its
     * number of updates.
     */
    public String writerLine(String file, int writer, int writes) {
        return command.replace("{file}", SystemCommand.shellWord(file))
                .replace("{writer}", Integer.toString(writer))
                .replace("{count}", Integer.toString(writes));
    }
}
