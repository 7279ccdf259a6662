package clobber.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/writing-a-strategy.md is true: each code block named after a file equals that file of the
 * example project; the example compiles against clobber as its pom says; and each {@code ./clobber}
 * line of the guide, run against the compiled example, exits as its comment says.
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
        assertEquals(3, files, "the pom, the strategy and its registration are quoted whole");
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

    /** What `mvn package` of the example makes: its classes compiled against clobber, and its resources. */
    private Path compileExample() throws Exception {
        Path classes = Files.createDirectories(sandbox.resolve("classes"));
        List<String> sources;
        try (Stream<Path> files = Files.walk(EXAMPLE.resolve("src/main/java"))) {
            sources = files.filter(f -> f.toString().endsWith(".java")).map(Path::toString).toList();
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        List<String> args = new ArrayList<>(Arrays.asList("--release", "25", "-d", classes.toString(),
                "-cp", System.getProperty("java.class.path")));
        args.addAll(sources);
        assertEquals(0, javac.run(null, null, errors, args.toArray(String[]::new)), errors.toString());
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

    private static Document xml(Path file) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    }
}
