package clobber.os;

import java.util.Collection;
import java.util.function.Function;

/**
 * Looking a thing up by the name the command line gives it (a lock, a step, a driver, a
 * workload, a strategy), with one wording for every miss: the name, then the names there are.
 */
public final class Named {
    private Named() {}

    /** The one of {@code all} whose {@link Function nameOf} is {@code name}; else an error listing the names of {@code kind}. */
    public static <T> T find(String kind, String name, Collection<T> all, Function<T, String> nameOf) {
        return all.stream().filter(t -> nameOf.apply(t).equals(name)).findFirst()
                .orElseThrow(() -> unknown(kind, name, all, nameOf, ""));
    }

    /** The error for a {@code name} that is none of {@code all}; {@code more} is added to the list (", or a class name"). */
    public static <T> IllegalArgumentException unknown(String kind, String name, Collection<T> all, Function<T, String> nameOf,
                                                       String more) {
        return new IllegalArgumentException("unknown " + kind + " '" + name + "'; known: "
                + String.join(", ", all.stream().map(nameOf).toList()) + more);
    }
}
