package clobber.cli;

import clobber.strategy.Strategies;
import clobber.strategy.WriteStrategy;
import picocli.CommandLine.Option;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code --classpath}: jars and class folders holding users' strategies, so that a strategy
 * built in its own project runs without repackaging clobber. Its ServiceLoader registrations
 * count as well as clobber's own.
 */
final class ClasspathOption {

    @Option(names = "--classpath", paramLabel = "PATH",
            description = "Jars and class folders with your strategies, separated by ':'.")
    String classpath;

    private ClassLoader loader;

    ClassLoader loader() {
        if (loader == null) {
            loader = classpath == null ? ClasspathOption.class.getClassLoader()
                    : new URLClassLoader(urls(), ClasspathOption.class.getClassLoader());
        }
        return loader;
    }

    WriteStrategy strategy(String nameOrClass) {
        return BadInput.of(() -> Strategies.named(nameOrClass, loader()));
    }

    List<WriteStrategy> all() {
        return BadInput.of(() -> Strategies.all(loader()));
    }

    private URL[] urls() {
        List<URL> urls = new ArrayList<>();
        for (String entry : classpath.split(File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            Path path = Path.of(entry);
            if (!Files.exists(path)) {
                throw new BadInput("--classpath: no such file or directory: " + entry);
            }
            if (!Files.isDirectory(path) && !isJar(path)) {
                throw new BadInput("--classpath: " + entry + " is neither a directory of classes nor a jar");
            }
            try {
                urls.add(path.toUri().toURL());
            } catch (MalformedURLException e) {
                throw new BadInput("--classpath: not a usable path: " + entry);
            }
        }
        return urls.toArray(URL[]::new);
    }

    /** Whether {@code file} opens as a jar: a class loader would skip any other file without a word. */
    private static boolean isJar(Path file) {
        try (java.util.jar.JarFile jar = new java.util.jar.JarFile(file.toFile())) {
            return true;
        } catch (java.io.IOException | SecurityException e) {
            return false;
        }
    }
}
