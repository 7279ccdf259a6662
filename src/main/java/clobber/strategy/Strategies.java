package clobber.strategy;

import clobber.os.Named;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** Finds strategies: the built-in and registered ones through {@link ServiceLoader}, others by class name. */
public final class Strategies {
    private Strategies() {}

    /** Every strategy registered with {@link ServiceLoader} on {@code loader}'s classpath, in registration order. */
    public static List<WriteStrategy> all(ClassLoader loader) {
        List<WriteStrategy> found = new ArrayList<>();
        ServiceLoader.load(WriteStrategy.class, loader).forEach(strategy -> found.add(checked(strategy)));
        return found;
    }

    public static List<WriteStrategy> all() {
        return all(Strategies.class.getClassLoader());
    }

    /**
     * The strategy registered as {@code nameOrClass}, or else the class of that name, which must
     * implement {@link WriteStrategy} and have a public no-argument constructor.
     */
    public static WriteStrategy named(String nameOrClass, ClassLoader loader) {
        List<WriteStrategy> registered = all(loader);
        for (WriteStrategy strategy : registered) {
            if (strategy.name().equals(nameOrClass)) {
                return strategy;
            }
        }
        Class<?> type;
        try {
            type = Class.forName(nameOrClass, true, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw Named.unknown("strategy", nameOrClass, registered, WriteStrategy::name, ", or a class name on the classpath");
        }
        if (!WriteStrategy.class.isAssignableFrom(type)) {
            throw new IllegalArgumentException("class " + nameOrClass + " does not implement " + WriteStrategy.class.getName());
        }
        try {
            return checked((WriteStrategy) type.getConstructor().newInstance());
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("class " + nameOrClass + " needs a public no-argument constructor");
        }
    }

    /**
     * {@code strategy}, once its name, lesson and claim are known to be there: a plug-in that
     * returns null (or throws) is refused when it is loaded, naming its class, rather than
     * failing a report after minutes of runs. A name is one word of printable characters: it is
     * what the command line, the table and the file names of a run are made of.
     */
    static WriteStrategy checked(WriteStrategy strategy) {
        String type = strategy.getClass().getName();
        String name;
        String lesson;
        Claim claim;
        try {
            name = strategy.name();
            lesson = strategy.lesson();
            claim = strategy.claim();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("strategy class " + type + " fails to describe itself: " + e);
        }
        if (name == null || name.isBlank() || name.codePoints().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            throw new IllegalArgumentException("strategy class " + type + ": name() must be one word of printable characters, not "
                    + (name == null ? "null" : "'" + name.replaceAll("\\p{Cntrl}", "?") + "'"));
        }
        if (lesson == null || lesson.isBlank()) {
            throw new IllegalArgumentException("strategy class " + type + ": lesson() must say what the pattern does, not "
                    + (lesson == null ? "null" : "a blank"));
        }
        if (claim == null) {
            throw new IllegalArgumentException("strategy class " + type + ": claim() must not be null (Claim.nothing() claims nothing)");
        }
        return strategy;
    }

    public static WriteStrategy named(String nameOrClass) {
        return named(nameOrClass, Strategies.class.getClassLoader());
    }
}
