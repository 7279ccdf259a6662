package clobber.strategy;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** Finds strategies: the built-in and registered ones through {@link ServiceLoader}, others by class name. */
public final class Strategies {
    private Strategies() {}

    /** Every strategy registered with {@link ServiceLoader} on {@code loader}'s classpath, in registration order. */
    public static List<WriteStrategy> all(ClassLoader loader) {
        List<WriteStrategy> found = new ArrayList<>();
        ServiceLoader.load(WriteStrategy.class, loader).forEach(found::add);
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
            throw new IllegalArgumentException("unknown strategy '" + nameOrClass + "'; known: "
                    + String.join(", ", registered.stream().map(WriteStrategy::name).toList())
                    + ", or a class name on the classpath");
        }
        if (!WriteStrategy.class.isAssignableFrom(type)) {
            throw new IllegalArgumentException("class " + nameOrClass + " does not implement " + WriteStrategy.class.getName());
        }
        try {
            return (WriteStrategy) type.getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("class " + nameOrClass + " needs a public no-argument constructor");
        }
    }

    public static WriteStrategy named(String nameOrClass) {
        return named(nameOrClass, Strategies.class.getClassLoader());
    }
}
