package clobber.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;
import org.w3c.dom.Document;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.stream.Stream;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/writing-a-strategy.md is true: each code block named after a file equals that file of the
 * example project; the example compiles against clobber as its pom says; each {@code ./clobber}
 * line of the guide, run against the compiled example, exits as its comment says; and the
 * example's own JUnit test, which gates its strategy through clobber.junit, runs and passes.
 */
class PluginGuideTest {
    private static final Path GUIDE = Path.of("docs/writing-a-strategy.md");
    private static final Path EXAMPLE = Path.of("docs/example-strategy");
    private static final String CLASSES = "docs/example-strategy/target/classes";

    @TempDir
    Path sandbox;

    @Test
    void theGuidesCodeIsTheExamplesCode() throws Exception {
        int files = 0;
        Matcher block = DocCommands.BLOCK.matcher(Files.readString(GUIDE));
        while (block.find()) {
            if (block.group(2) != null) {
                assertEquals(Files.readString(Path.of(block.group(2))), block.group(3), block.group(2) + " differs from the guide");
                files++;
            }
        }
        assertEquals(4, files, "the pom, the strategy, its registration and its test are quoted whole");
    }

    @Test
    void theExamplesPomDependsOnThisClobber() throws Exception {
        Document root = xml(Path.of("pom.xml"));
        Document example = xml(EXAMPLE.resolve("pom.xml"));
        for (String field : List.of("groupId", "artifactId", "version")) {
            String ours = root.getDocumentElement().getElementsByTagName(field).item(0).getTextContent();
            String theirs = ((org.w3c.dom.Element) example.getElementsByTagName("dependency").item(0))
                    .getElementsByTagName(field).item(0).getTextContent();
            assertEquals(ours, theirs, field);
        }
        String junit = root.getElementsByTagName("junit.version").item(0).getTextContent();
        org.w3c.dom.Element jupiter = (org.w3c.dom.Element) example.getElementsByTagName("dependency").item(1);
        assertEquals("junit-jupiter", jupiter.getElementsByTagName("artifactId").item(0).getTextContent());
        assertEquals(junit, jupiter.getElementsByTagName("version").item(0).getTextContent(), "the example tests with clobber's JUnit");
    }

    @Test
    void everyCommandInTheGuideExitsAsItSays() throws Exception {
        Path classes = compileExample();
        List<DocCommands.Command> commands = DocCommands.in(GUIDE).commands();
        assertEquals(4, commands.size(), commands.toString());
        for (DocCommands.Command command : commands) {
            assertTrue(command.exit() >= 0, "a ./clobber line ends with '# exit N': " + command.line());
            String[] args = command.args().stream().map(arg -> arg.replace(CLASSES, classes.toString())).toArray(String[]::new);
            Path cwd = Files.createTempDirectory(sandbox, "cwd");
            ClobberProcess p = ClobberProcess.run(cwd, args);
            assertEquals(command.exit(), p.exit(), command.line() + "\n" + p.out() + p.err());
            assertFalse(p.err().contains("\tat "), "no stack trace: " + p.err());
        }
    }

    /**
     * What {@code mvn test} of the example does: its test, compiled against its classes, clobber
     * and JUnit, run by the JUnit Platform (here through the Launcher API, in a class loader of
     * its own). Both tests pass: the strategy survives threads and processes, and the strategy
     * without locks fails with the story of a lost write; each leaves its report folder under
     * target/clobber-reports, clobber.junit's default.
     */
    @Test
    void theExamplesOwnJUnitTestGatesItsStrategy() throws Exception {
        Path classes = compileExample();
        Path testClasses = compile(EXAMPLE.resolve("src/test/java"), sandbox.resolve("test-classes"), classes.toString());
        FileTime before = FileTime.from(Instant.now());
        TestExecutionSummary summary;
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL(), testClasses.toUri().toURL()},
                getClass().getClassLoader())) {
            SummaryGeneratingListener listener = new SummaryGeneratingListener();
            Thread thread = Thread.currentThread();
            ClassLoader own = thread.getContextClassLoader();
            thread.setContextClassLoader(loader);
            try {
                LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
                        .selectors(selectClass(loader.loadClass("com.example.clobber.LockedReplaceTest"))).build(), listener);
            } finally {
                thread.setContextClassLoader(own);
            }
            summary = listener.getSummary();
        }
        StringWriter failures = new StringWriter();
        summary.printFailuresTo(new PrintWriter(failures), 30);
        assertEquals(2, summary.getTestsFoundCount(), failures.toString());
        assertEquals(2, summary.getTestsSucceededCount(), failures.toString());

        List<String> written = new ArrayList<>();
        try (Stream<Path> folders = Files.list(Path.of("target/clobber-reports"))) {
            for (Path results : folders.map(f -> f.resolve("results.json")).filter(Files::isRegularFile).toList()) {
                if (Files.getLastModifiedTime(results).compareTo(before) >= 0) {
                    written.add(Files.readString(results));
                }
            }
        }
        for (String assertion : List.of("assertThat(locked-replace).survives(threads, processes)", "assertThat(unlocked-replace).survives(threads)")) {
            assertTrue(written.stream().anyMatch(results -> results.contains(assertion)), "no report of " + assertion);
        }
    }

    /** What `mvn package` of the example makes: its classes compiled against clobber, and its resources. */
    private Path compileExample() throws Exception {
        Path classes = compile(EXAMPLE.resolve("src/main/java"), sandbox.resolve("classes"), null);
        Path resources = EXAMPLE.resolve("src/main/resources");
        try (Stream<Path> files = Files.walk(resources)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path target = classes.resolve(resources.relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.copy(file, target);
            }
        }
        return classes;
    }

    /** The Java sources under {@code sources}, compiled into {@code output} against this JVM's classpath and {@code more}. */
    private static Path compile(Path sources, Path output, String more) throws Exception {
        Files.createDirectories(output);
        List<String> files;
        try (Stream<Path> walk = Files.walk(sources)) {
            files = walk.filter(f -> f.toString().endsWith(".java")).map(Path::toString).toList();
        }
        String classpath = System.getProperty("java.class.path") + (more == null ? "" : File.pathSeparator + more);
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        List<String> args = new ArrayList<>(Arrays.asList("--release", "25", "-d", output.toString(), "-cp", classpath));
        args.addAll(files);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertEquals(0, javac.run(null, null, errors, args.toArray(String[]::new)), errors.toString());
        return output;
    }

    private static Document xml(Path file) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    }
}
