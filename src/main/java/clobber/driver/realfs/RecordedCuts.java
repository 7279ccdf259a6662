package clobber.driver.realfs;

import clobber.check.CutStates;
import clobber.driver.blockdev.CrashState;
import clobber.driver.blockdev.CrashStateReplayer;
import clobber.driver.blockdev.CrashStates;
import clobber.driver.blockdev.LogEntry;
import clobber.driver.blockdev.RealFs;
import clobber.driver.blockdev.Recording;
import clobber.driver.blockdev.StateView;
import clobber.workload.UpdateId;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The states a power cut could leave of a recorded run, from the kernel's own block writes: each
 * built from the base image and the log, attached, mounted so that the file system's recovery
 * runs, and shown to the judge at the file system's root, where the run's files were. A state the
 * kernel will not mount has nothing readable: the judge calls it corrupt.
 */
record RecordedCuts(String model, RealFs fs, Recording recording, CrashStates plan, Map<String, UpdateId> marks)
        implements CutStates {

    /** How much of the log before a cut a story tells. */
    private static final int STORY_ENTRIES = 10;

    @Override
    public int crashPoints() {
        return (int) plan.states().stream().map(CrashState::cutAt).distinct().count();
    }

    @Override
    public boolean bounded() {
        return plan.bounded();
    }

    @Override
    public void forEach(Visitor visitor) throws IOException {
        try (CrashStateReplayer replayer = new CrashStateReplayer(recording, fs.workDir())) {
            for (CrashState state : plan.states()) {
                replayer.replay(state, (cut, view) -> {
                    List<UpdateId> acknowledged = cut.acknowledged().stream().map(marks::get).toList();
                    List<Traced> trace = trace(cut);
                    switch (view) {
                        case StateView.Mounted mounted -> visitor.visit(new State(mounted.root(), acknowledged, trace, null, null));
                        case StateView.Unmountable refused -> visitor.visit(new State(null, acknowledged, trace, null,
                                "the file system did not mount: " + refused.reason()));
                    }
                });
            }
        }
    }

    /**
     * The log's last entries before the cut, in words, each block write on the device in this
     * state or not, the cut itself last: e.g. "block write 7 of 26 (4096 bytes at 1052672)".
     */
    private List<Traced> trace(CrashState state) {
        List<Traced> trace = new ArrayList<>();
        List<LogEntry> entries = recording.entries();
        for (int i = Math.max(0, state.cutAt() - STORY_ENTRIES); i < state.cutAt(); i++) {
            trace.add(switch (entries.get(i)) {
                case LogEntry.Write w -> new Traced("block write " + w.number() + " of " + state.totalBlockWrites() + " ("
                        + w.length() + " bytes at " + w.offset() + ")", state.holds(w.number()));
                case LogEntry.Flush f -> new Traced("a flush of the device", null);
                case LogEntry.Mark m -> new Traced("the acknowledgement of " + m.label(), null);
                case LogEntry.FailedWrite f -> new Traced("a block write the device refused (" + f.length() + " bytes at "
                        + f.offset() + ")", false);
            });
        }
        trace.add(new Traced(state.describe().replaceFirst("^power cut after ", ""), null));
        return trace;
    }
}
