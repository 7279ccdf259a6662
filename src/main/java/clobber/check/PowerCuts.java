package clobber.check;

import clobber.strategy.Verdict;
import clobber.workload.Acknowledged;
import clobber.workload.FinalState;
import clobber.workload.Keys;
import clobber.workload.Loss;
import clobber.workload.UpdateId;
import clobber.workload.Workload;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Judges every state a power cut could leave, with the rules every run's final state gets: the
 * state's data file is read back by the workload, against the updates acknowledged before the
 * cut. A state whose data file does not parse is CORRUPT; one that lacks an acknowledged update is
 * LOST_WRITES. The first bad state of the worst kind is told as a story: the cut, what did not
 * reach the disk, and what that left.
 */
final class PowerCuts {
    /** How much of the trace before a cut a story tells: enough for the update that was cut. */
    private static final int STORY_STEPS = 10;

    private PowerCuts() {}

    /** The judgement of all states: the figures for the result, and the worst verdict a state came to (null: none bad). */
    record Judgement(RunResult.PowerLoss figures, Verdict worst) {}

    static Judgement judge(Judge.Trial trial, CutStates states) throws IOException {
        Map<String, Verdict> seen = new HashMap<>();
        long[] counts = new long[2]; // states, bad
        Verdict[] worst = new Verdict[1];
        RunResult.CutStory[] story = new RunResult.CutStory[1];
        states.forEach(state -> {
            counts[0]++;
            Verdict verdict = state.identity() != null && seen.containsKey(state.identity()) ? seen.get(state.identity())
                    : verdict(trial, state);
            if (state.identity() != null) {
                seen.put(state.identity(), verdict);
            }
            if (verdict == null) {
                return;
            }
            counts[1]++;
            if (worst[0] == null || verdict.compareTo(worst[0]) < 0) {
                worst[0] = verdict;
                story[0] = story(trial, state);
            }
        });
        return new Judgement(new RunResult.PowerLoss(states.model(), states.crashPoints(), counts[0], counts[1],
                states.bounded(), story[0]), worst[0]);
    }

    /** The state's verdict, or null if it is a state the update history allows. */
    private static Verdict verdict(Judge.Trial trial, CutStates.State state) throws IOException {
        Acknowledged acknowledged = acknowledged(trial, state);
        Loss loss = read(trial, state).loss(trial.workload(), acknowledged, trial.attempted() - acknowledged.count());
        Verdict verdict = Judge.verdict(new Judge.Findings(null, loss, 0, 0, 0, acknowledged.count(), null));
        return verdict.showsFailure() ? verdict : null;
    }

    private static FinalState read(Judge.Trial trial, CutStates.State state) throws IOException {
        return trial.workload().finalState(state.directory().resolve(trial.file().getFileName()));
    }

    private static Acknowledged acknowledged(Judge.Trial trial, CutStates.State state) {
        Acknowledged acknowledged = new Acknowledged(trial.writers());
        for (UpdateId id : state.acknowledged()) {
            if (id.writer() >= 0 && id.writer() < trial.writers()) {
                acknowledged.ack(id.writer(), id.seq());
            }
        }
        return acknowledged;
    }

    /** The trace's last operations before the cut, each on disk or not, and what the state then held. */
    private static RunResult.CutStory story(Judge.Trial trial, CutStates.State state) throws IOException {
        FinalState read = read(trial, state);
        String outcome;
        if (read.document() == null || read.unreadableFiles() > 0) {
            outcome = "the data did not parse (" + read.firstUnreadable() + ")";
        } else {
            List<UpdateId> lost = trial.workload().lostUpdates(read.document(), acknowledged(trial, state));
            outcome = lost.isEmpty() ? "acknowledged updates were missing"
                    : trial.file().getFileName() + " lacked " + String.join(", ", lost.stream()
                            .map(id -> Keys.key(id.writer(), id.seq())).toList());
        }
        List<CutStates.Traced> trace = state.trace();
        return new RunResult.CutStory(List.copyOf(trace.subList(Math.max(0, trace.size() - STORY_STEPS), trace.size())), outcome);
    }
}
