package clobber.report;

import clobber.check.Cell;
import clobber.check.RunResult;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The runs as a plain text table, one row per run, for terminals and CI logs. */
public final class Table {
    private Table() {}

    private static final String FORMAT = "%-26s %-8s %-10s %15s %10s %7s %8s %8s %9s %8s %8s %6s  %-17s %s%n";

    /** Below this contention a run mostly saw writers take turns: it tested little, whatever it lost. */
    public static final double LOW_CONTENTION = 0.5;

    public static String render(List<RunResult> runs) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, FORMAT, "strategy", "lock", "driver", "lost/acked", "unreadable",
                "retries", "gave up", "overlaps", "ops/s", "p50 us", "p99 us", "busy", "verdict", "claim"));
        for (RunResult r : runs) {
            out.append(String.format(Locale.ROOT, FORMAT,
                    Printable.line(r.subject().strategy()), r.subject().lock() == null ? "-" : r.subject().lock(),
                    r.subject().driver() + (r.subject().externalWriters() == null ? "" : "+ext"),
                    r.damage().loss().figure() + "/" + r.counts().acknowledged(),
                    r.damage().loss().unreadableFiles(),
                    r.observed().failures().failedAttempts(),
                    r.observed().failures().givenUp(),
                    r.observed().overlaps().count(),
                    String.format(Locale.ROOT, "%.0f", r.timing().opsPerSec()),
                    r.timing().latencyMicros().p50(), r.timing().latencyMicros().p99(),
                    String.format(Locale.ROOT, "%.0f%%%s", 100 * r.timing().contention(), lowContention(r) ? "!" : ""),
                    r.judgement().verdict(),
                    r.observed().environment() != null ? "untested" : r.judgement().claimHeld() ? "held" : "BROKEN (expected " + expected(r) + ")"));
        }
        if (runs.stream().anyMatch(Table::lowContention)) {
            out.append("! busy under 50%: writers mostly took turns, so that run tested little contention.\n");
        }
        runs.stream().filter(r -> r.observed().stalled() != null).map(r -> "stalled: " + r.subject().strategy() + " under " + r.subject().driver()
                + ": " + r.observed().stalled()).distinct().forEach(line -> out.append(Printable.line(line)).append('\n'));
        runs.stream().filter(r -> r.damage().powerLoss() != null).forEach(r -> out.append(powerLossLine(r)).append('\n'));
        runs.stream().filter(r -> r.exploration() != null).forEach(r -> out.append(exploration(r)));
        traceLines(runs).forEach(line -> out.append(Printable.line(line)).append('\n'));
        // A condition not kept is said by what showed it; anything else unproven, by its words.
        runs.stream().filter(r -> r.judgement().unproven() != null).map(r -> "inconclusive: " + r.subject().strategy() + " under "
                + r.subject().driver() + ": " + (r.observed().environment() != null ? r.observed().environment()
                        : String.join("; ", r.judgement().unproven().stream().map(clobber.check.Unproven::words).toList())))
                .distinct().forEach(line -> out.append(Printable.line(line)).append('\n'));
        runs.stream().filter(r -> r.observed().notes() != null)
                .flatMap(r -> r.observed().notes().stream().map(note -> r.subject().strategy() + " under " + r.subject().driver() + ": " + note))
                .distinct().forEach(note -> out.append("note: ").append(Printable.line(note)).append('\n'));
        return out.toString();
    }

    /**
     * What the system-call traces showed, from the first run of each cell that showed anything:
     * e.g. "trace: no-lock under locks: W1 wrote 95 bytes to data.json holding no lock ... (10 calls in all)".
     */
    static List<String> traceLines(List<RunResult> runs) {
        Map<String, RunResult> first = new LinkedHashMap<>();
        runs.stream().filter(r -> r.observed().traceFindings() != null)
                .forEach(r -> first.putIfAbsent(r.subject().label() + " " + r.subject().driver() + " " + r.subject().externalWriters(), r));
        return first.values().stream().flatMap(r -> r.observed().traceFindings().stream().map(f -> "trace: "
                + r.subject().strategy() + " under " + r.subject().driver() + ": " + f.words()
                + (f.times() > 1 ? " (" + f.times() + " calls in all)" : ""))).toList();
    }

    /** A run of several writers that mostly took turns; a run of one writer contends with nobody, by design. */
    private static boolean lowContention(RunResult r) {
        // An explored schedule's writers take turns by design: its contention is the schedule's.
        return r.counts().writers() > 1 && r.exploration() == null && r.timing().contention() < LOW_CONTENTION;
    }

    /** e.g. "power loss (posix), lockfile+replace-no-dirfsync: 314 of 626 states bad over 19 crash points; power cut after ..." */
    static String powerLossLine(RunResult r) {
        RunResult.PowerLoss p = r.damage().powerLoss();
        return Printable.line(String.format(Locale.ROOT, "power loss (%s), %s: %d of %d states bad over %d crash points%s%s",
                p.model(), r.subject().strategy(), p.badCrashStates(), p.crashStates(), p.crashPoints(),
                p.searchBounded() ? " (bounded: not every state was tried)" : "",
                p.firstBadState() == null ? "" : "; " + cutSentence(p.firstBadState())));
    }

    /**
     * e.g. "explored no-lock under threads: 632 schedules, 1 equivalent skipped; 625 bad (LOST_WRITES 210, ...);
     * search complete; first bad after 603 ms".
     */
    static String explorationLine(RunResult r) {
        RunResult.Exploration e = r.exploration();
        String bad = e.badSchedules() == 0 ? "none bad" : e.badSchedules() + " bad (" + e.badByVerdict().entrySet().stream()
                .map(v -> v.getKey() + " " + v.getValue()).collect(Collectors.joining(", ")) + ")";
        return Printable.line(String.format(Locale.ROOT, "explored %s under %s, %d writers x %d update%s: %d schedules, %d equivalent skipped; %s; %s%s%s",
                r.subject().strategy(), r.subject().driver(), r.counts().writers(), r.counts().writesPerWriter(),
                r.counts().writesPerWriter() == 1 ? "" : "s", e.schedules(), e.equivalentSkipped(), bad,
                e.searchBounded() ? "search cut by --max-schedules (not every schedule was run)" : "search complete",
                e.firstBadMillis() == null ? "" : String.format(Locale.ROOT, "; first bad: schedule %d, after %.0f ms", e.firstBadSchedule(), e.firstBadMillis()),
                e.diverged() == 0 ? "" : "; " + e.diverged() + " replays diverged (a writer blocked in one run and not another)"));
    }

    /** The exploration's line, then the shortest bad schedule as numbered moves and the command that replays it. */
    static String exploration(RunResult r) {
        RunResult.Exploration e = r.exploration();
        StringBuilder out = new StringBuilder(explorationLine(r)).append('\n');
        if (e.shortestBadSchedule() != null) {
            out.append("shortest bad schedule (").append(r.judgement().verdict()).append("):\n");
            for (int i = 0; i < e.shortestBadMoves().size(); i++) {
                out.append(String.format(Locale.ROOT, "  %2d. %s%n", i + 1, Printable.line(e.shortestBadMoves().get(i).describe())));
            }
            out.append("replay it: ").append(Printable.line(replayCommand(r))).append('\n');
        }
        return out.toString();
    }

    /** The explore command that runs exactly the shortest bad schedule of {@code r}. */
    static String replayCommand(RunResult r) {
        return "./clobber explore " + String.join(" ", r.subject().strategyOptions().stream().map(Table::shellWord).toList())
                + " --driver " + r.subject().driver() + " --writers " + r.counts().writers()
                + " --updates " + r.counts().writesPerWriter()
                + (r.exploration().stopAt() == null ? "" : " --stop-at " + r.exploration().stopAt().label())
                + " --schedule " + r.exploration().shortestBadSchedule();
    }

    /** {@code word} as a shell reads it back: as it is where it holds nothing the shell would expand, else in single quotes. */
    static String shellWord(String word) {
        return word.matches("[A-Za-z0-9_./:=+,@%-]+") ? word : "'" + word.replace("'", "'\\''") + "'";
    }

    /** e.g. "power cut after W0 acknowledged w0-0; not on disk: W0 renamed ... over data.json; data.json lacked w0-0" */
    static String cutSentence(RunResult.CutStory story) {
        List<String> lost = story.trace().stream().filter(t -> Boolean.FALSE.equals(t.onDisk()))
                .map(clobber.check.CutStates.Traced::what).toList();
        return "power cut after " + story.trace().getLast().what() + "; not on disk: "
                + (lost.isEmpty() ? "nothing" : String.join(", ", lost)) + "; " + story.outcome();
    }

    /** What the claim expected of a run: "SAFE", or the failures it names, "LOST_WRITES or CORRUPT". */
    static String expected(RunResult r) {
        return r.judgement().expected().stream().sorted().map(Enum::name).collect(Collectors.joining(" or "));
    }

    /** One line per finished run, for progress. */
    public static String progressLine(RunResult r) {
        return String.format(Locale.ROOT, "%s %s: %s, lost %s/%d, %d retries, %d given up, %d overlaps, %.0f ops/s",
                Printable.line(r.subject().label()), r.subject().driver(), r.judgement().verdict(),
                r.damage().loss().figure(), r.counts().acknowledged(), r.observed().failures().failedAttempts(), r.observed().failures().givenUp(), r.observed().overlaps().count(), r.timing().opsPerSec());
    }

    /** For repeated runs: per strategy and driver, how many runs came to each verdict, and the range of losses. */
    public static String summary(List<Cell> cells) {
        StringBuilder out = new StringBuilder();
        cells.forEach(cell -> {
            List<RunResult> results = cell.runs();
            Map<Object, Long> verdicts = results.stream().collect(Collectors.groupingBy(
                    r -> r.judgement().verdict(), LinkedHashMap::new, Collectors.counting()));
            String counts = verdicts.entrySet().stream()
                    .map(e -> e.getKey() + " in " + e.getValue() + "/" + results.size())
                    .collect(Collectors.joining(", "));
            long minLost = results.stream().mapToLong(r -> r.damage().loss().atLeast()).min().orElse(0);
            long maxLost = results.stream().mapToLong(r -> r.damage().loss().atMost()).max().orElse(0);
            long held = results.stream().filter(r -> r.judgement().claimHeld()).count();
            out.append(String.format(Locale.ROOT, "%s / %s: %s; lost %d..%d per run; claim held in %d/%d%n",
                    Printable.line(cell.label()), cell.driver(), counts, minLost, maxLost, held, results.size()));
        });
        return out.toString();
    }
}
