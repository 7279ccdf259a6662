package clobber.check;

import clobber.driver.PowerLossTrace;
import clobber.driver.RunSpec;
import clobber.os.FileTrees;
import clobber.strategy.Verdict;
import clobber.workload.Acknowledged;
import clobber.workload.FinalState;
import clobber.workload.Loss;
import clobber.workload.UpdateId;
import clobber.workload.Workload;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Judges every state a power cut could leave, with the checker every run's final state gets: the
 * state's files are written to a directory of their own and read back by the workload, against
 * the updates acknowledged before the cut. A state whose data file does not parse is CORRUPT; one
 * that lacks an acknowledged update is LOST_WRITES. The first bad state of the worst kind is told
 * as a story: the cut, what did not reach the disk, and what that left.
 */
final class PowerCuts {
    /** How much of the trace before a cut a story tells: enough for the update that was cut. */
    private static final int STORY_STEPS = 10;

    private PowerCuts() {}

    /** The judgement of all states: the figures for the result, and the worst verdict a state came to (null: none bad). */
    record Judgement(RunResult.PowerLoss figures, Verdict worst) {}

    static Judgement judge(RunSpec spec, PowerLossTrace trace) throws IOException {
        Workload workload = spec.workload();
        Path run = spec.file().toAbsolutePath().getParent();
        Path directory = Files.createTempDirectory(run.getParent(), run.getFileName() + "-cut-");
        Map<String, Verdict> seen = new HashMap<>();
        List<PowerLossTrace.CrashState> states = trace.states();
        long bad = 0;
        Verdict worst = null;
        RunResult.CutStory story = null;
        try {
            for (PowerLossTrace.CrashState state : states) {
                String key = key(state);
                Verdict verdict = seen.containsKey(key) ? seen.get(key) : judge(state, workload, spec, directory);
                seen.put(key, verdict);
                if (verdict == null) {
                    continue;
                }
                bad++;
                if (worst == null || verdict.compareTo(worst) < 0) {
                    worst = verdict;
                    story = story(state, workload, spec, directory);
                }
            }
        } finally {
            FileTrees.delete(directory);
        }
        return new Judgement(new RunResult.PowerLoss(trace.model().label(), trace.crashPoints(), states.size(), bad,
                trace.bounded(), story), worst);
    }

    private static String key(PowerLossTrace.CrashState state) {
        StringBuilder key = new StringBuilder();
        state.files().forEach((name, bytes) -> key.append(name).append('=').append(Arrays.hashCode(bytes)).append(':')
                .append(bytes.length).append(';'));
        return key.append(state.acknowledged()).toString();
    }

    /** The state's verdict, or null if it is a state the update history allows. */
    private static Verdict judge(PowerLossTrace.CrashState state, Workload workload, RunSpec spec, Path directory)
            throws IOException {
        Loss loss = loss(state, workload, spec, directory);
        return loss.unreadableFiles() > 0 ? Verdict.CORRUPT
                : loss.atLeast() > 0 ? Verdict.LOST_WRITES
                : loss.surplus() > 0 ? Verdict.DUPLICATED_WRITES
                : null;
    }

    private static Loss loss(PowerLossTrace.CrashState state, Workload workload, RunSpec spec, Path directory)
            throws IOException {
        FinalState read = read(state, workload, spec, directory);
        Acknowledged acknowledged = acknowledged(state, spec);
        return read.loss(workload, acknowledged, spec.attempted() - acknowledged.count());
    }

    private static FinalState read(PowerLossTrace.CrashState state, Workload workload, RunSpec spec, Path directory)
            throws IOException {
        try (var old = Files.list(directory)) {
            for (Path file : old.toList()) {
                Files.delete(file);
            }
        }
        for (Map.Entry<String, byte[]> file : state.files().entrySet()) {
            Files.write(directory.resolve(file.getKey()), file.getValue());
        }
        return workload.finalState(directory.resolve(spec.file().getFileName()));
    }

    private static Acknowledged acknowledged(PowerLossTrace.CrashState state, RunSpec spec) {
        Acknowledged acknowledged = new Acknowledged(spec.totalWriters());
        for (UpdateId id : state.acknowledged()) {
            if (id.writer() >= 0 && id.writer() < spec.totalWriters()) {
                acknowledged.ack(id.writer(), id.seq());
            }
        }
        return acknowledged;
    }

    /** The trace's last operations before the cut, each on disk or not, and what the state then held. */
    private static RunResult.CutStory story(PowerLossTrace.CrashState state, Workload workload, RunSpec spec, Path directory)
            throws IOException {
        FinalState read = read(state, workload, spec, directory);
        String outcome;
        if (read.document() == null || read.unreadableFiles() > 0) {
            outcome = "the data did not parse (" + read.firstUnreadable() + ")";
        } else {
            List<UpdateId> lost = workload.lostUpdates(read.document(), acknowledged(state, spec));
            outcome = lost.isEmpty() ? "acknowledged updates were missing"
                    : spec.file().getFileName() + " lacked " + String.join(", ", lost.stream()
                            .map(id -> clobber.workload.Keys.key(id.writer(), id.seq())).toList());
        }
        List<PowerLossTrace.Traced> trace = state.trace();
        return new RunResult.CutStory(List.copyOf(trace.subList(Math.max(0, trace.size() - STORY_STEPS), trace.size())), outcome);
    }
}
