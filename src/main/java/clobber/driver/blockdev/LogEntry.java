package clobber.driver.blockdev;

/**
 * One entry of a recording's block log, in the order the device saw them. {@code position} is
 * the entry's index in the log (0-based).
 */
public sealed interface LogEntry {
    int position();

    /**
     * A block write the device took: {@code length} bytes at device offset {@code offset}.
     * {@code number} counts the recording's block writes from 1; the bytes are in the log file at
     * {@code dataAt}.
     */
    record Write(int position, int number, long offset, int length, long dataAt) implements LogEntry {}

    /** A flush (the loop device's REQ_OP_FLUSH, an fsync of the image): every write before it is durable. */
    record Flush(int position) implements LogEntry {}

    /** A mark the harness put in: a writer's acknowledgement, named {@code label}. */
    record Mark(int position, String label) implements LogEntry {}

    /** A block write the device refused with EIO (a {@link FaultPlan}): nothing of it reached the image. */
    record FailedWrite(int position, long offset, int length) implements LogEntry {}
}
