package clobber.check;

import clobber.workload.UpdateId;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The states a power cut could have left of a run, walked one at a time, so that each can be
 * judged as a run's final state is: from a persistence model's replay of a system-call trace, a
 * state's files are written to a directory; from a real file system's block log, an image is
 * built and mounted. Either way a state is only readable while it is visited.
 */
public interface CutStates {

    /** What made the states: a model's name ({@code posix}), or a real file system's. */
    String model();

    /** How many points of the run a cut was placed at. */
    int crashPoints();

    /** Whether a bound cut the states short at some point: then not every state was tried. */
    boolean bounded();

    /** Visits every state in order; {@link State#directory} is valid during the call only. */
    void forEach(Visitor visitor) throws IOException;

    @FunctionalInterface
    interface Visitor {
        void visit(State state) throws IOException;
    }

    /**
     * One state: the directory that holds the run's files as the cut left them; the updates
     * acknowledged before the cut, which it must hold; the trace up to the cut, each operation on
     * disk or not, for the story; {@code identity}, equal for two states that hold the same files
     * after the same acknowledgements (null where every state is distinct), so that a state is
     * judged once; and {@code unreadable}, why nothing of the state could be read (a file system
     * its own recovery would not mount), null where its directory can be.
     */
    record State(Path directory, List<UpdateId> acknowledged, List<Traced> trace, String identity, String unreadable) {}

    /** An operation of the trace, in words, and whether it reached the disk ({@code null}: no write, an acknowledgement). */
    record Traced(String what, Boolean onDisk) {}
}
