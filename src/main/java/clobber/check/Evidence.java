package clobber.check;

import clobber.workload.Acknowledged;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.List;

/**
 * What a driver saw of a run, before anyone looks at the files: the {@link Writes} (what was
 * acknowledged, what failed, every update's trace), their {@link Pace}, the {@link Events} that
 * befell the run (a stall, what unlocked readers saw, writers killed, notes), and, for a power-loss
 * run, the {@link CutStates} a cut could have left. The judge reads it; drivers make it.
 */
public record Evidence(Writes writes, Pace pace, Events events, CutStates cuts) {

    /** The updates: acknowledged ones, how many finished at all, what failed, and each update's trace. */
    public record Writes(Acknowledged acknowledged, long completed, Failures failures, List<UpdateTrace> traces) {}

    /** How fast: update latency, the run's wall time from the start signal, the contention achieved. */
    public record Pace(Histogram latencyMicros, long wallNanos, double contention) {}

    /**
     * What else happened: why the run was stopped ({@code stalled}, null if it was not), what the
     * unlocked readers saw, how many writers were killed ({@code kills}), notes on writers that
     * failed or on the set-up, what the writers' system calls showed ({@code findings}: a change of
     * the data file no lock protected, calls a trace cannot model), and the conditions of the run
     * clobber could not keep ({@code unkept}: the file system filled up, a writer was killed from
     * outside, crashes came faster than writers could be replaced), the first of each cause.
     */
    public record Events(String stalled, Reads reads, int kills, List<String> notes, List<TraceFinding> findings,
                         List<Unkept> unkept) {
        public static final Events NONE = new Events(null, Reads.NONE, 0, List.of(), List.of(), List.of());

        public Events {
            notes = List.copyOf(notes);
            findings = List.copyOf(findings);
            unkept = List.copyOf(unkept);
        }
    }

    /** {@code writes} at {@code pace}, and nothing else yet. */
    public static Evidence of(Writes writes, Pace pace) {
        return new Evidence(writes, pace, Events.NONE, null);
    }

    /** The same, stopped for {@code why}. */
    public Evidence stalled(String why) {
        return with(new Events(why, events.reads(), events.kills(), events.notes(), events.findings(), events.unkept()));
    }

    /** The same, with what the readers saw. */
    public Evidence read(Reads reads) {
        return with(new Events(events.stalled(), reads, events.kills(), events.notes(), events.findings(), events.unkept()));
    }

    /** The same, with {@code kills} writers killed. */
    public Evidence killed(int kills) {
        return with(new Events(events.stalled(), events.reads(), kills, events.notes(), events.findings(), events.unkept()));
    }

    /** The same, with {@code more} notes after those it has. */
    public Evidence noted(List<String> more) {
        List<String> all = new ArrayList<>(events.notes());
        all.addAll(more);
        return with(new Events(events.stalled(), events.reads(), events.kills(), all, events.findings(), events.unkept()));
    }

    /** The same, with {@code more} findings of the writers' system calls after those it has. */
    public Evidence found(List<TraceFinding> more) {
        List<TraceFinding> all = new ArrayList<>(events.findings());
        all.addAll(more);
        return with(new Events(events.stalled(), events.reads(), events.kills(), events.notes(), all, events.unkept()));
    }

    /** The same, with a condition clobber could not keep ({@code why}, null: none); the first of each cause is kept. */
    public Evidence unkept(Unkept why) {
        if (why == null || events.unkept().stream().anyMatch(u -> u.cause() == why.cause())) {
            return this;
        }
        List<Unkept> all = new ArrayList<>(events.unkept());
        all.add(why);
        return with(new Events(events.stalled(), events.reads(), events.kills(), events.notes(), events.findings(), all));
    }

    /** The same, with the states a power cut could have left. */
    public Evidence cut(CutStates states) {
        return new Evidence(writes, pace, events, states);
    }

    private Evidence with(Events changed) {
        return new Evidence(writes, pace, changed, cuts);
    }
}
