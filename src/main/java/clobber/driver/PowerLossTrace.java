package clobber.driver;

import clobber.workload.UpdateId;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;

/**
 * What a power-loss run recorded and what a power cut could have left of it: the operations on
 * the run's directory in order ({@code ops}), the files there before the run ({@code initial}),
 * and, under {@code model}, the states at each crash point. The checker judges each state as it
 * judges any run's final state.
 */
public record PowerLossTrace(PersistenceModel model, List<FsOp> ops, Map<String, byte[]> initial,
                             PersistenceModel.Exploration exploration) {

    /**
     * One state the directory could come back in: its {@code files} by name, the updates
     * acknowledged before the cut, and the trace up to the cut, each operation marked as on disk
     * or not.
     */
    public record CrashState(int point, Map<String, byte[]> files, List<UpdateId> acknowledged, List<Traced> trace) {}

    /** An operation of the trace, in words, and whether it reached the disk ({@code null} for an acknowledgement, which is no write). */
    public record Traced(String what, Boolean onDisk) {}

    public int crashPoints() {
        return exploration.points().size();
    }

    public boolean bounded() {
        return exploration.bounded();
    }

    /** Every state of every crash point, in trace order. */
    public List<CrashState> states() {
        List<CrashState> states = new ArrayList<>();
        int point = 0;
        for (PersistenceModel.CrashPoint at : exploration.points()) {
            List<UpdateId> acknowledged = new ArrayList<>();
            for (int i = 0; i <= at.after(); i++) {
                if (ops.get(i) instanceof FsOp.Ack a) {
                    acknowledged.add(new UpdateId(a.writer(), a.seq()));
                }
            }
            for (BitSet persisted : at.persisted()) {
                List<Traced> trace = new ArrayList<>();
                for (int i = 0; i <= at.after(); i++) {
                    FsOp op = ops.get(i);
                    trace.add(new Traced(op.describe(), op.persistable() ? persisted.get(i) : null));
                }
                states.add(new CrashState(point, PersistenceModel.files(ops, persisted, initial), acknowledged, trace));
            }
            point++;
        }
        return states;
    }
}
