package clobber.strategy;

import clobber.os.Named;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Finds strategies: the built-in and registered ones through {@link ServiceLoader}, others by class
 * name. A registration that cannot be used (its class is missing, its constructor throws, it does
 * not describe itself, or it takes a name another registered strategy has) spoils only itself:
 * asking for another strategy by name still works, and asking for it, or for all, says what is
 * wrong with it in one line.
 */
public final class Strategies {
    private Strategies() {}

    /** A registration that cannot be used, and why; {@code name}, where it takes one another strategy has, else null. */
    private record Unusable(String name, String why) {}

    /** What the registrations on a class path come to: the strategies by name, and the ones that could not be used. */
    private record Registry(Map<String, WriteStrategy> usable, List<Unusable> unusable) {

        static Registry on(ClassLoader loader) {
            Map<String, WriteStrategy> usable = new LinkedHashMap<>();
            List<Unusable> unusable = new ArrayList<>();
            Iterator<WriteStrategy> providers = ServiceLoader.load(WriteStrategy.class, loader).iterator();
            while (true) {
                try {
                    if (!providers.hasNext()) {
                        break;
                    }
                    WriteStrategy strategy = checked(providers.next());
                    WriteStrategy first = usable.putIfAbsent(strategy.name(), strategy);
                    if (first != null && first.getClass() != strategy.getClass()) {
                        unusable.add(new Unusable(strategy.name(), collision(strategy, first)));
                    }
                } catch (ServiceConfigurationError e) {
                    unusable.add(new Unusable(null, "a registered strategy cannot be made: " + rootCause(e)));
                } catch (IllegalArgumentException e) {
                    unusable.add(new Unusable(null, e.getMessage()));
                }
            }
            return new Registry(usable, unusable);
        }

        /** Why the registrations that cannot be used cannot, in one line. */
        String whyUnusable() {
            return String.join("; ", unusable.stream().map(Unusable::why).toList());
        }
    }

    /** Every strategy registered with {@link ServiceLoader} on {@code loader}'s classpath, in registration order; none may be unusable. */
    public static List<WriteStrategy> all(ClassLoader loader) {
        Registry registry = Registry.on(loader);
        if (!registry.unusable().isEmpty()) {
            throw new IllegalArgumentException(registry.whyUnusable());
        }
        return List.copyOf(registry.usable().values());
    }

    public static List<WriteStrategy> all() {
        return all(Strategies.class.getClassLoader());
    }

    /**
     * The strategy registered as {@code nameOrClass}, or else the class of that name, which must
     * implement {@link WriteStrategy}, have a public no-argument constructor, and not take the name
     * of a registered strategy of another class.
     */
    public static WriteStrategy named(String nameOrClass, ClassLoader loader) {
        Registry registry = Registry.on(loader);
        registry.unusable().stream().filter(u -> nameOrClass.equals(u.name())).findFirst().ifPresent(taken -> {
            throw new IllegalArgumentException(taken.why());
        });
        WriteStrategy registered = registry.usable().get(nameOrClass);
        if (registered != null) {
            return registered;
        }
        Class<?> type;
        try {
            type = Class.forName(nameOrClass, true, loader);
        } catch (ClassNotFoundException | NoClassDefFoundError e) {
            throw Named.unknown("strategy", nameOrClass, registry.usable().values(), WriteStrategy::name,
                    ", or a class name on the classpath"
                            + (registry.unusable().isEmpty() ? "" : " (and " + registry.whyUnusable() + ")"));
        } catch (LinkageError e) {
            throw new IllegalArgumentException("class " + nameOrClass + " cannot be loaded: " + rootCause(e));
        }
        if (!WriteStrategy.class.isAssignableFrom(type)) {
            throw new IllegalArgumentException("class " + nameOrClass + " does not implement " + WriteStrategy.class.getName());
        }
        WriteStrategy made = checked(make(type));
        WriteStrategy other = registry.usable().get(made.name());
        if (other != null && other.getClass() != made.getClass()) {
            throw new IllegalArgumentException(collision(made, other));
        }
        return made;
    }

    public static WriteStrategy named(String nameOrClass) {
        return named(nameOrClass, Strategies.class.getClassLoader());
    }

    /**
     * Whether {@code strategy} is one of clobber's own: its class comes from where clobber's classes
     * do (its jar, or its build's class folder). Anything else is a plug-in, the user's code.
     */
    public static boolean shipped(WriteStrategy strategy) {
        return Objects.equals(location(strategy.getClass()), location(Strategies.class));
    }

    /**
     * Whether another JVM can make {@code strategy} again from its class name alone: a public class
     * with a public no-argument constructor, as every strategy named on the command line is.
     */
    public static boolean remakeable(WriteStrategy strategy) {
        Class<?> type = strategy.getClass();
        if (!Modifier.isPublic(type.getModifiers()) || type.isAnonymousClass() || type.isLocalClass()
                || (type.getEnclosingClass() != null && !Modifier.isStatic(type.getModifiers()))) {
            return false;
        }
        try {
            type.getConstructor();
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    private static java.net.URL location(Class<?> type) {
        java.security.CodeSource source = type.getProtectionDomain().getCodeSource();
        return source == null ? null : source.getLocation();
    }

    /** A new instance of {@code type}, or why there is none, in words. */
    private static WriteStrategy make(Class<?> type) {
        String name = type.getName();
        if (type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
            throw new IllegalArgumentException("class " + name + " is abstract: give a class that can be made");
        }
        try {
            return (WriteStrategy) type.getConstructor().newInstance();
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException("class " + name + " needs a public no-argument constructor");
        } catch (IllegalAccessException e) {
            throw new IllegalArgumentException("class " + name + " is not public");
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException("class " + name + ": its constructor threw " + oneLine(e.getCause()));
        } catch (InstantiationException e) {
            throw new IllegalArgumentException("class " + name + " cannot be made: " + oneLine(e));
        }
    }

    /** Why two strategies cannot share a name: the table, the report and the command line tell strategies apart by it. */
    private static String collision(WriteStrategy second, WriteStrategy first) {
        return "strategy class " + second.getClass().getName() + " calls itself '" + second.name() + "', the name of "
                + first.getClass().getName() + ": give it a name of its own";
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
        } catch (RuntimeException | Error e) {
            throw new IllegalArgumentException("strategy class " + type + " fails to describe itself: " + oneLine(e));
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

    /** The innermost cause of {@code t}, in one line: what a plug-in's author needs to read. */
    private static String rootCause(Throwable t) {
        Throwable cause = t;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause == t ? oneLine(t) : oneLine(t) + ", because " + oneLine(cause);
    }

    private static String oneLine(Throwable t) {
        String message = t.getMessage();
        return t.getClass().getName() + (message == null ? "" : ": " + message.lines().findFirst().orElse(""));
    }
}
