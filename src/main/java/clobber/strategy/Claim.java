package clobber.strategy;

import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a strategy promises, as a table of expected outcomes, the way a jcstress test names every
 * outcome before its code runs: under the conditions it {@code survives} its runs must be SAFE;
 * under each condition it does not survive, {@code failures} names the verdicts that condition
 * may bring (flock+seek/truncate under a crash: CORRUPT, and not LOST_WRITES). A run expects the
 * union of what each of its conditions brings; a verdict outside that set, a harness error or a
 * stall where a loss was expected, is a claim not held, whichever way it went.
 *
 * <p>A condition neither survived nor named (a plug-in that names only what it survives) may
 * bring any failure, but not SAFE: a broken strategy that comes out SAFE means the harness failed
 * to show its failure.
 */
public record Claim(Set<Condition> survives, Map<Condition, Set<Verdict>> failures) {

    /** Every verdict that shows a failure: what an unnamed failure may be. */
    private static final Set<Verdict> ANY_FAILURE = EnumSet.copyOf(
            java.util.Arrays.stream(Verdict.values()).filter(Verdict::showsFailure).toList());

    public Claim {
        EnumSet<Condition> survived = EnumSet.noneOf(Condition.class);
        survived.addAll(survives);
        EnumMap<Condition, Set<Verdict>> named = new EnumMap<>(Condition.class);
        failures.forEach((condition, verdicts) -> {
            if (survived.contains(condition)) {
                throw new IllegalArgumentException("a claim cannot both survive " + condition + " and fail under it");
            }
            if (verdicts.isEmpty() || verdicts.stream().anyMatch(v -> !v.showsFailure())) {
                throw new IllegalArgumentException("under " + condition + " a claim names failures, not " + verdicts);
            }
            named.put(condition, Set.copyOf(verdicts));
        });
        survives = survived;
        failures = named;
    }

    public static Claim survives(Condition... conditions) {
        return new Claim(Set.of(conditions), Map.of());
    }

    public static Claim nothing() {
        return new Claim(Set.of(), Map.of());
    }

    /** This claim, naming what {@code condition}, which the strategy does not survive, brings. */
    public Claim failsUnder(Condition condition, Verdict... verdicts) {
        return failsUnder(EnumSet.of(condition), verdicts);
    }

    /** This claim, naming what each of {@code conditions}, none of which the strategy survives, brings. */
    public Claim failsUnder(Set<Condition> conditions, Verdict... verdicts) {
        Map<Condition, Set<Verdict>> more = new EnumMap<>(Condition.class);
        more.putAll(failures);
        conditions.forEach(condition -> more.put(condition, Set.of(verdicts)));
        return new Claim(survives, more);
    }

    /**
     * This claim without surviving {@code condition}, which now brings {@code verdicts}: e.g. a
     * lock that does not exclude threads cannot survive them.
     */
    public Claim without(Condition condition, Verdict... verdicts) {
        EnumSet<Condition> fewer = EnumSet.noneOf(Condition.class);
        fewer.addAll(survives);
        fewer.remove(condition);
        return new Claim(fewer, failures).failsUnder(condition, verdicts);
    }

    /** Whether the strategy claims to survive a run that imposes all of {@code imposed}. */
    public boolean survivesAll(Collection<Condition> imposed) {
        return survives.containsAll(imposed);
    }

    /** The verdicts a run that imposes {@code imposed} may come to, if the claim is true. */
    public Set<Verdict> expected(Collection<Condition> imposed) {
        if (survivesAll(imposed)) {
            return EnumSet.of(Verdict.SAFE);
        }
        EnumSet<Verdict> expected = EnumSet.noneOf(Verdict.class);
        for (Condition condition : imposed) {
            if (!survives.contains(condition)) {
                expected.addAll(failures.getOrDefault(condition, ANY_FAILURE));
            }
        }
        return expected;
    }

    /** The conditions it neither survives nor names a failure for: a shipped strategy has none. */
    public Set<Condition> unnamed() {
        EnumSet<Condition> unnamed = EnumSet.allOf(Condition.class);
        unnamed.removeAll(survives);
        unnamed.removeAll(failures.keySet());
        return unnamed;
    }

    @Override
    public String toString() {
        List<String> parts = new java.util.ArrayList<>();
        parts.add(survives.isEmpty() ? "survives nothing"
                : "survives " + survives.stream().map(Condition::label).collect(Collectors.joining(", ")));
        failures.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> parts.add("under "
                + e.getKey().label() + ": " + e.getValue().stream().sorted().map(Verdict::name).collect(Collectors.joining(" or "))));
        return String.join("; ", parts);
    }
}
