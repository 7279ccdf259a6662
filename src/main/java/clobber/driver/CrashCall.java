package clobber.driver;

import clobber.os.Named;

import java.util.Arrays;
import java.util.List;

/**
 * A crash point for a writer that marks no steps, a program in any language: right after its
 * {@code nth} call of a {@link Family} on the data file (through a descriptor of it, or naming it:
 * a rename onto it), e.g. {@code ftruncate:1}, so that the window between a truncate and the end of
 * the write that follows is hit every time. strace counts the calls, per system call of the family
 * and per process, and stops the writer as that call returns; the driver then kills it.
 */
public record CrashCall(Family family, int nth) {

    /** The system calls of each family a crash point can name. */
    public enum Family {
        WRITE("write", "write", "pwrite64", "writev", "pwritev", "pwritev2"),
        FTRUNCATE("ftruncate", "ftruncate", "truncate"),
        RENAME("rename", "rename", "renameat", "renameat2"),
        FSYNC("fsync", "fsync", "fdatasync");

        private final String label;
        private final List<String> calls;

        Family(String label, String... calls) {
            this.label = label;
            this.calls = List.of(calls);
        }

        public String label() {
            return label;
        }

        /** The system calls strace is told to count and stop at. */
        public List<String> calls() {
            return calls;
        }
    }

    public CrashCall {
        if (nth < 1) {
            throw new IllegalArgumentException("a crash at a system call counts from 1, not " + nth);
        }
    }

    /** Whether {@code text} is written as a call point ({@code NAME:N}) rather than a step. */
    public static boolean written(String text) {
        return text.contains(":");
    }

    /** {@code ftruncate:1}, {@code write:2}: the family and the count; an {@link IllegalArgumentException} saying what is wrong otherwise. */
    public static CrashCall parse(String text) {
        String[] parts = text.split(":", 2);
        Family family = Named.find("system call", parts[0], Arrays.asList(Family.values()), Family::label);
        try {
            return new CrashCall(family, Integer.parseInt(parts[1].strip()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a crash at a system call is NAME:N (the Nth call, from 1), not " + text);
        }
    }

    @Override
    public String toString() {
        return family.label() + ":" + nth;
    }
}
