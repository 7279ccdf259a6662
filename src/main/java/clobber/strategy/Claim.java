package clobber.strategy;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What a strategy promises: the conditions under which it loses no acknowledged write, corrupts
 * nothing and shows readers only whole documents. Under every other condition it claims nothing,
 * and the harness expects to catch it failing.
 */
public record Claim(Set<Condition> conditions) {

    public Claim {
        EnumSet<Condition> copy = EnumSet.noneOf(Condition.class);
        copy.addAll(conditions);
        conditions = copy;
    }

    public static Claim survives(Condition... conditions) {
        return new Claim(Set.of(conditions));
    }

    public static Claim nothing() {
        return new Claim(Set.of());
    }

    /** Whether the strategy claims to survive a driver that imposes all of {@code imposed}. */
    public boolean survivesAll(Collection<Condition> imposed) {
        return conditions.containsAll(imposed);
    }

    /** This claim without {@code condition}: e.g. a lock that does not exclude threads cannot survive them. */
    public Claim without(Condition condition) {
        EnumSet<Condition> fewer = EnumSet.noneOf(Condition.class);
        fewer.addAll(conditions);
        fewer.remove(condition);
        return new Claim(fewer);
    }

    @Override
    public String toString() {
        List<String> labels = conditions.stream().map(Condition::label).toList();
        return labels.isEmpty() ? "survives nothing" : "survives " + String.join(", ", labels);
    }
}
