package clobber.jcstress;

import clobber.report.AtomicFiles;
import clobber.report.Machine;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.openjdk.jcstress.infra.Status;
import org.openjdk.jcstress.infra.collectors.DiskReadCollector;
import org.openjdk.jcstress.infra.collectors.InProcessCollector;
import org.openjdk.jcstress.infra.collectors.TestResult;
import org.openjdk.jcstress.infra.grading.GradingResult;
import org.openjdk.jcstress.infra.grading.ReportUtils;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

/**
 * Folds a jcstress run into clobber's report: reads the run's result blob, merges each test's
 * samples over its forks and configurations, and writes {@code jcstress-result.json} and
 * {@code summary.md} (each atomically). Exits 1 if any test failed (a FORBIDDEN outcome was seen)
 * or errored, so a wrapper needs nothing else to fail the build.
 *
 * <pre>java -cp jcstress.jar clobber.jcstress.Summary &lt;result.bin.gz&gt; &lt;output dir&gt; &lt;command line&gt;</pre>
 */
public final class Summary {

    record Outcome(String id, String expect, long samples, String description) {}

    record Test(String name, String status, boolean passed, boolean interesting, long samples, List<Outcome> outcomes) {}

    record Run(String command, Machine machine, boolean passed, List<Test> tests) {}

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: Summary <jcstress result .bin.gz> <output directory> <command line>");
            System.exit(2);
        }
        Path output = Path.of(args[1]);
        List<Test> tests = read(args[0]);
        Run run = new Run(args[2], Machine.here(Path.of(System.getProperty("java.io.tmpdir"))),
                tests.stream().allMatch(Test::passed), tests);

        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        AtomicFiles.write(output.resolve("jcstress-result.json"), json.writeValueAsBytes(run));
        String markdown = markdown(run);
        AtomicFiles.write(output.resolve("summary.md"), markdown.getBytes(StandardCharsets.UTF_8));
        System.out.print(markdown);
        System.exit(run.passed() && !tests.isEmpty() ? 0 : 1);
    }

    private static List<Test> read(String blob) throws Exception {
        InProcessCollector collector = new InProcessCollector();
        DiskReadCollector reader = new DiskReadCollector(blob, collector);
        try {
            reader.dump();
        } finally {
            reader.close();
        }
        return ReportUtils.mergedByName(collector.getTestResults()).stream()
                .map(Summary::test)
                .sorted(Comparator.comparing(Test::name))
                .toList();
    }

    private static Test test(TestResult result) {
        if (result.status() != Status.NORMAL) {
            return new Test(result.getName(), result.status().name(), false, false, result.getTotalCount(), List.of());
        }
        var grading = result.grading();
        List<Outcome> outcomes = grading.gradingResults.values().stream()
                .sorted(Comparator.comparingLong((GradingResult g) -> g.count).reversed())
                .map(g -> new Outcome(g.id, g.expect.name(), g.count, g.description))
                .toList();
        return new Test(result.getName(), result.status().name(), grading.isPassed, grading.hasInteresting,
                result.getTotalCount(), outcomes);
    }

    private static String markdown(Run run) {
        StringBuilder md = new StringBuilder();
        md.append("# jcstress: outcomes of racing updates\n\n");
        md.append("`").append(run.command()).append("`  \n");
        md.append(run.machine()).append("\n\n");
        md.append("| test | outcome | expect | samples | share |\n");
        md.append("|---|---|---|---:|---:|\n");
        for (Test test : run.tests()) {
            String name = test.name().replace("clobber.jcstress.", "");
            if (test.outcomes().isEmpty()) {
                md.append("| ").append(name).append(" | **").append(test.status()).append("** | | | |\n");
            }
            for (Outcome outcome : test.outcomes()) {
                double share = test.samples() == 0 ? 0 : 100.0 * outcome.samples() / test.samples();
                boolean seenForbidden = outcome.expect().equals("FORBIDDEN") && outcome.samples() > 0;
                md.append(String.format("| %s | %s | %s | %,d | %.2f%% |%n", name, outcome.id(),
                        seenForbidden ? "**FORBIDDEN, SEEN**" : outcome.expect(), outcome.samples(), share));
            }
        }
        md.append("\n").append(run.passed() ? "No test failed." : "FAILED: a test saw a FORBIDDEN outcome or errored.")
                .append("\n");
        return md.toString();
    }
}
