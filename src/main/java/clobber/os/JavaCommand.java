package clobber.os;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The command line of every JVM clobber starts (a worker, an update launcher, clobber again in a
 * private namespace, an image server): this JVM's java with the native access that the FFM calls
 * need, the class path with clobber's own jar first, and the AOT cache made for that jar.
 *
 * <p>A JVM that clobber starts lives for seconds, and most of its CPU goes to loading and linking
 * classes: Jackson's, the FFM API's, clobber's. The build makes {@code target/clobber.aot} beside
 * {@code target/clobber.jar} from a training run of clobber ({@code -XX:AOTCacheOutput},
 * <a href="https://openjdk.org/jeps/514">JEP 514</a>), which holds those classes loaded and
 * linked (<a href="https://openjdk.org/jeps/483">JEP 483</a>). The JVM takes the cache only if
 * its class path begins with the jar the cache was made from, unchanged, and its native access
 * is the same; otherwise it starts as it would without the cache, silently.
 */
public final class JavaCommand {
    /** Every clobber JVM calls flock, fcntl, mount and ioctl through the FFM API. */
    private static final String NATIVE_ACCESS = "--enable-native-access=ALL-UNNAMED";
    /** The jar clobber's classes come from, none when they come from a directory: the same for this JVM's life. */
    private static final Optional<Path> OWN_JAR = ownJar();
    /** The cache beside that jar ({@code clobber.aot} beside {@code clobber.jar}), if the build made one before this JVM started. */
    private static final Optional<Path> AOT_CACHE = OWN_JAR
            .map(jar -> jar.resolveSibling(jar.getFileName().toString().replaceFirst("\\.jar$", ".aot")))
            .filter(Files::isRegularFile);
    private static final String CLASSPATH = ownClasspath();

    private JavaCommand() {}

    /**
     * The options of a JVM that lives seconds and spends them in system calls (a worker, an update
     * launcher, an image server), followed by {@code more}: C1 alone, because C2's compilations
     * of so short a life cost more CPU than they save (4 workers x 250 updates of
     * lockfile+atomic-replace on 2 cores: 330 updates/s and 10 CPU-s, against 250 and 14); the
     * serial collector, which starts no threads of its own; and no perf data file in /tmp to make
     * and remove (nor a warning about another JVM's, on stdout).
     */
    public static List<String> shortLived(String... more) {
        List<String> options = new ArrayList<>(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-UsePerfData"));
        options.addAll(List.of(more));
        return options;
    }

    /**
     * {@code java [options] -cp CLASSPATH mainClass args}: this JVM's class path, clobber's jar
     * first, then {@code extraClasspath} (null for none: a user's strategies, say).
     */
    public static List<String> of(List<String> options, String extraClasspath, String mainClass, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add(NATIVE_ACCESS);
        AOT_CACHE.ifPresent(cache -> command.add("-XX:AOTCache=" + cache));
        command.addAll(options);
        command.addAll(List.of("-cp", classpath(extraClasspath), mainClass));
        command.addAll(args);
        return command;
    }

    private static String classpath(String extraClasspath) {
        return extraClasspath == null || extraClasspath.isEmpty() ? CLASSPATH : CLASSPATH + File.pathSeparator + extraClasspath;
    }

    /** This JVM's class path, clobber's jar moved to its head. */
    private static String ownClasspath() {
        List<String> entries = new ArrayList<>();
        OWN_JAR.ifPresent(own -> entries.add(own.toString()));
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.isEmpty() && !OWN_JAR.equals(Optional.of(Path.of(entry).toAbsolutePath().normalize()))) {
                entries.add(entry);
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    private static Optional<Path> ownJar() {
        try {
            Path location = Path.of(JavaCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .toAbsolutePath().normalize();
            return Files.isRegularFile(location) && location.toString().endsWith(".jar") ? Optional.of(location) : Optional.empty();
        } catch (URISyntaxException | SecurityException e) {
            return Optional.empty();
        }
    }
}
