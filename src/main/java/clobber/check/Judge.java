package clobber.check;

import clobber.strategy.Claim;
import clobber.strategy.Condition;
import clobber.strategy.Verdict;
import clobber.workload.Acknowledged;
import clobber.workload.FinalState;
import clobber.workload.Loss;
import clobber.workload.Workload;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Judges a run from what its driver saw and what its files hold: corrupt (a file of the state does
 * not parse), lost writes (acknowledged keys or increments missing), duplicated writes, torn reads,
 * overlaps (the lock did not exclude), unsafe locking (the system-call trace shows a change no lock
 * protected), errors, inconclusive (nothing proves the writes survived: nothing acknowledged, a
 * loss only bounded, a crash run that killed nobody, calls a trace cannot model, conditions
 * clobber could not keep), or
 * safe; for a power-loss run, also every state a cut could have left ({@link PowerCuts}); and
 * whether that is what the strategy claimed for the conditions of the run.
 */
public final class Judge {
    private Judge() {}

    /**
     * What was run, as the judge needs it: the subject, the strategy's claim and the conditions the
     * run imposed, the workload and its data file, and the writers: {@code writers} in all, each of
     * {@code writesPerWriter} updates, those from {@code firstExternal} on programs whose retries
     * clobber does not see.
     */
    public record Trial(RunResult.Subject subject, Claim claim, Set<Condition> conditions, Workload workload, Path file,
                        int writers, int writesPerWriter, int firstExternal) {

        long attempted() {
            return (long) writers * writesPerWriter;
        }
    }

    /**
     * What a verdict is decided on: why the run stalled (null if it did not), the loss, torn reads,
     * overlaps, the trace's findings of unsafe locking, updates given up, and what keeps the run
     * from proving anything ({@code unproven}). A run whose conditions clobber could not keep is
     * decided on that alone ({@link #unkept}): what a strategy did where the disk was full, or its
     * writer was killed by the OOM killer, proves nothing about it either way.
     */
    record Findings(String stalled, Loss loss, long tornReads, long overlaps, long unsafeLocking, long givenUp,
                    Set<Unproven> unproven) {

        /** The findings of a run whose conditions were not kept: that, and nothing else. */
        static Findings unkept() {
            return new Findings(null, Loss.exactly(0), 0, 0, 0, 0, java.util.EnumSet.of(Unproven.CONDITIONS_NOT_KEPT));
        }
    }

    /**
     * The verdict rules, each the condition for its verdict; a run gets the first verdict, in
     * {@link Verdict}'s order (worst first), whose rule holds. SAFE's always does.
     */
    static final Map<Verdict, Predicate<Findings>> RULES = rules();

    private static Map<Verdict, Predicate<Findings>> rules() {
        Map<Verdict, Predicate<Findings>> rules = new EnumMap<>(Verdict.class);
        rules.put(Verdict.STALLED, f -> f.stalled() != null);
        rules.put(Verdict.CORRUPT, f -> f.loss().unreadableFiles() > 0);
        rules.put(Verdict.LOST_WRITES, f -> f.loss().atLeast() > 0);
        rules.put(Verdict.DUPLICATED_WRITES, f -> f.loss().surplus() > 0);
        rules.put(Verdict.TORN_READS, f -> f.tornReads() > 0);
        rules.put(Verdict.OVERLAPS, f -> f.overlaps() > 0);
        rules.put(Verdict.UNSAFE_LOCKING, f -> f.unsafeLocking() > 0);
        rules.put(Verdict.ERRORS, f -> f.givenUp() > 0);
        rules.put(Verdict.INCONCLUSIVE, f -> !f.unproven().isEmpty());
        rules.put(Verdict.SAFE, f -> true);
        return rules;
    }

    /** What a final state with {@code loss}, after {@code acknowledged} updates, leaves unproven by itself. */
    static Set<Unproven> unproven(Loss loss, long acknowledged) {
        Set<Unproven> unproven = java.util.EnumSet.noneOf(Unproven.class);
        if (acknowledged == 0) {
            unproven.add(Unproven.NOTHING_ACKNOWLEDGED);
        }
        if (loss.atMost() > 0) {
            unproven.add(Unproven.LOSS_BOUNDED);
        }
        return unproven;
    }

    /** The first verdict, worst first, whose rule {@code findings} meet. */
    static Verdict verdict(Findings findings) {
        return RULES.entrySet().stream().filter(rule -> rule.getValue().test(findings)).findFirst().orElseThrow().getKey();
    }

    /** The worse of two verdicts: the earlier in {@link Verdict}'s order. */
    static Verdict worse(Verdict a, Verdict b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    public static RunResult judge(Trial trial, Evidence evidence) throws IOException {
        Workload workload = trial.workload();
        Evidence.Writes writes = evidence.writes();
        Evidence.Events events = evidence.events();
        long acknowledged = writes.acknowledged().count();
        FinalState state = workload.finalState(trial.file());
        Loss loss = state.loss(workload, writes.acknowledged(), unacknowledgedAttempts(trial, evidence));
        List<LossStory.Event> story = state.document() == null ? null : LossStory.tell(writes.traces(),
                workload.lostUpdates(state.document(), writes.acknowledged())).orElse(null);
        Overlaps overlaps = Overlaps.in(writes.traces());
        Set<Unproven> unproven = unproven(loss, acknowledged);
        if (trial.conditions().contains(Condition.CRASH) && events.kills() == 0) {
            unproven.add(Unproven.NO_CRASH);
        }
        if (events.findings().stream().anyMatch(f -> !f.kind().unsafeLocking())) {
            unproven.add(Unproven.UNMODELLED);
        }
        long unsafeLocking = events.findings().stream().filter(f -> f.kind().unsafeLocking()).count();
        // A full disk is the faults driver's own doing: there it is a condition kept, not one lost.
        String environment = events.unkept().stream()
                .filter(u -> !(u.cause() == Unkept.Cause.OUT_OF_SPACE && trial.conditions().contains(Condition.FAULTS)))
                .map(Unkept::words).findFirst().orElse(null);
        Findings findings = environment != null ? Findings.unkept()
                : new Findings(events.stalled(), loss, events.reads().torn(), overlaps.count(), unsafeLocking,
                        writes.failures().givenUp(), unproven);
        Verdict verdict = verdict(findings);
        PowerCuts.Judgement cuts = evidence.cuts() == null ? null : PowerCuts.judge(trial, evidence.cuts());
        if (cuts != null && cuts.worst() != null && environment == null) {
            verdict = worse(verdict, cuts.worst());
        }
        Set<Verdict> expected = trial.claim().expected(trial.conditions());
        Evidence.Pace pace = evidence.pace();
        double seconds = pace.wallNanos() / 1e9;
        return new RunResult(trial.subject(),
                new RunResult.Counts(trial.writers(), trial.writesPerWriter(), trial.attempted(), acknowledged),
                new RunResult.Timing(pace.wallNanos() / 1e6, seconds > 0 ? acknowledged / seconds : 0,
                        RunResult.Latency.of(pace.latencyMicros()), pace.contention()),
                new RunResult.Damage(loss, story, cuts == null ? null : cuts.figures()),
                new RunResult.Observed(writes.failures(), overlaps, events.reads(),
                        new RunResult.Crashes(events.kills(), leftoverTempFiles(trial.file())), events.stalled(),
                        events.notes().isEmpty() ? null : events.notes(), events.findings().isEmpty() ? null : events.findings(),
                        environment),
                new RunResult.Judgement(trial.claim().toString(), expected, verdict, expected.contains(verdict),
                        verdict == Verdict.INCONCLUSIVE ? findings.unproven() : null),
                null);
    }

    /**
     * Attempts that may have changed the state without being acknowledged: every failed attempt
     * (it may have committed before it failed), every writer killed mid-update, every writer still
     * inside an update when a stalled run was stopped, and every unacknowledged update of an
     * external writer (whose retries, if any, are its own and unseen). Only a workload that counts
     * instead of naming writes needs this, to bound what it cannot see.
     */
    static long unacknowledgedAttempts(Trial trial, Evidence evidence) {
        Acknowledged acknowledged = evidence.writes().acknowledged();
        long external = 0;
        for (int w = trial.firstExternal(); w < trial.writers(); w++) {
            external += trial.writesPerWriter() - acknowledged.of(w).cardinality();
        }
        Evidence.Events events = evidence.events();
        return evidence.writes().failures().failedAttempts() + events.kills()
                + (events.stalled() != null ? trial.writers() : 0) + external;
    }

    /** Temp files a crashed writer left beside the data file: harmless, but they pile up. */
    private static long leftoverTempFiles(Path file) throws IOException {
        try (Stream<Path> files = Files.list(file.toAbsolutePath().getParent())) {
            return files.filter(p -> p.getFileName().toString().endsWith(".tmp")).count();
        }
    }
}
