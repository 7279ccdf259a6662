package clobber.driver;

import clobber.check.Position;
import clobber.os.NativeProcess;
import clobber.strategy.Step;
import clobber.strategy.StepHook;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The stops of one stepped writer: at the start of its first update and at each step it says
 * where it is, with its kernel thread id, and waits until the scheduler gives it its turn. The end
 * of one update and the start of the next are one move: nothing happens between them that
 * another writer could see. Whether the
 * writer is a thread beside the scheduler or in a worker process is the {@link Turns}' business.
 */
public final class Stops implements StepHook {

    /** How a stepped writer reports its arrival and waits for its turn. */
    public interface Turns {
        void arrived(int writer, Position position, int thread);

        /** Returns when the writer may run on; throws {@link ScheduleAborted} if the schedule is over. */
        void awaitTurn(int writer);
    }

    /** Unwinds a writer whose schedule was given up (a deadlock): never caught as a strategy's failure for long. */
    public static final class ScheduleAborted extends RuntimeException {
        public ScheduleAborted() {
            super("the schedule was given up", null, false, false);
        }
    }

    private final int writer;
    private final Turns turns;
    private volatile int update;
    private boolean started;
    private int thread;

    public Stops(int writer, Turns turns) {
        this.writer = writer;
        this.turns = turns;
    }

    /** The writer is about to start update {@code seq}; it stops there before its first. */
    public void startOf(int seq) {
        boolean first = !started;
        started = true;
        update = seq;
        if (first) {
            stop(Position.start(seq));
        }
    }

    @Override
    public void at(Step step) {
        stop(new Position(update, step));
    }

    private void stop(Position position) {
        if (thread == 0) {
            try {
                thread = NativeProcess.threadId();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        turns.arrived(writer, position, thread);
        turns.awaitTurn(writer);
    }
}
