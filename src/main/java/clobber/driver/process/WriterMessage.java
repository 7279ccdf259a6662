package clobber.driver.process;

import clobber.check.Position;
import clobber.check.UpdateTrace;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One line of the writer protocol, as a type: the only place a line is made ({@link #format}) or
 * read ({@link #parse}), by the driver and by the worker alike. Worker JVMs and the driver speak
 * the whole of it; external writers, programs in any language, speak its text part: {@code ready},
 * {@code ack SEQ}, {@code gave-up SEQ WHY}, {@code enter NANOS}, {@code exit NANOS}, {@code done}.
 *
 * <p>A worker streams its evidence as it arises: each failed attempt, and each finished update
 * with its trace (start, end, the time of every step, the fields it read) the moment it ends,
 * before the writer starts its next one. A worker killed later has told everything up to its
 * in-flight update: its acknowledgements, its failures, and the critical sections the overlap
 * verifier needs.
 */
public sealed interface WriterMessage {

    ObjectMapper JSON = new ObjectMapper();

    /** The driver gives a worker its share of a run. */
    record Job(WorkerJob job) implements WriterMessage {}

    /** The writer is set up and waits for {@link Go}. */
    record Ready() implements WriterMessage {}

    /** The driver's start signal, sent to every writer once all are ready. */
    record Go() implements WriterMessage {}

    /** An attempt at update {@code seq} of {@code writer} threw; quoted in {@code error}. */
    record Failed(int writer, int seq, String error) implements WriterMessage {}

    /**
     * An update ended, acknowledged or given up, with its trace: when it started and ended, the
     * time it passed each step (0 where it did not), the size of the document it read (-1: none).
     */
    record Finished(UpdateTrace update) implements WriterMessage {}

    /** The writer finished every update it was given. */
    record Done() implements WriterMessage {}

    /**
     * A stepped writer ({@link WorkerJob#stepped}) has reached {@code position} and waits there for
     * {@link Proceed}; {@code thread} is its kernel thread id, so the scheduler can see what it
     * does once it runs on (waits for a lock, say).
     */
    record At(int writer, Position position, int thread) implements WriterMessage {}

    /** The scheduler lets a stepped writer run on to its next position. */
    record Proceed() implements WriterMessage {}

    /** An external writer's update {@code seq} is done. */
    record Ack(int seq) implements WriterMessage {}

    /** An external writer entered its critical section at {@code nanos} (CLOCK_MONOTONIC). */
    record Enter(long nanos) implements WriterMessage {}

    /** An external writer is about to leave its critical section at {@code nanos}. */
    record Exit(long nanos) implements WriterMessage {}

    /** An external writer gave up its update {@code seq}, which failed as {@code error} says (one line). */
    record GaveUp(int seq, String error) implements WriterMessage {
        public GaveUp {
            error = error.replace('\n', ' ');
        }
    }

    /** The line that carries this message. */
    default String format() {
        return switch (this) {
            case Job j -> "job " + json(j.job());
            case Ready r -> "ready";
            case Go g -> "go";
            case Failed f -> "failed " + json(f);
            case Finished f -> "finished " + json(f);
            case Done d -> "done";
            case At a -> "at " + a.writer() + " " + a.position().update() + " " + a.position().label() + " " + a.thread();
            case Proceed p -> "proceed";
            case Ack a -> "ack " + a.seq();
            case Enter e -> "enter " + e.nanos();
            case Exit e -> "exit " + e.nanos();
            case GaveUp g -> "gave-up " + g.seq() + " " + g.error();
        };
    }

    /** The message {@code line} carries; an {@link IllegalArgumentException} saying why if it carries none. */
    public static WriterMessage parse(String line) {
        String[] words = line.strip().split(" ", 2);
        String rest = words.length > 1 ? words[1] : "";
        try {
            return switch (words[0]) {
                case "job" -> new Job(JSON.readValue(rest, WorkerJob.class));
                case "ready" -> new Ready();
                case "go" -> new Go();
                case "failed" -> JSON.readValue(rest, Failed.class);
                case "finished" -> JSON.readValue(rest, Finished.class);
                case "done" -> new Done();
                case "at" -> at(rest);
                case "proceed" -> new Proceed();
                case "ack" -> new Ack(Integer.parseInt(rest.strip()));
                case "enter" -> new Enter(Long.parseLong(rest.strip()));
                case "exit" -> new Exit(Long.parseLong(rest.strip()));
                case "gave-up" -> gaveUp(rest);
                default -> throw new IllegalArgumentException("not in the protocol (ready, ack SEQ, gave-up SEQ WHY, enter NANOS, exit NANOS, done)");
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(words[0] + " takes a whole number");
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a malformed " + words[0] + " message");
        }
    }

    private static GaveUp gaveUp(String rest) {
        String[] fields = rest.strip().split(" ", 2);
        return new GaveUp(Integer.parseInt(fields[0]), fields.length > 1 ? fields[1] : "no reason given");
    }

    private static At at(String rest) {
        String[] fields = rest.strip().split(" ");
        if (fields.length != 4) {
            throw new IllegalArgumentException("at takes WRITER UPDATE STEP THREAD");
        }
        return new At(Integer.parseInt(fields[0]), Position.parse(Integer.parseInt(fields[1]), fields[2]),
                Integer.parseInt(fields[3]));
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value, e);
        }
    }
}
