package clobber.jmh;

import clobber.strategy.StepHook;
import clobber.strategy.Strategies;
import clobber.strategy.WriteStrategy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;

/**
 * Group commit's three ratios, with the subjects of each taking turns on the disk.
 *
 * <p>JMH measures one benchmark after another. On a disk shared with other work, whose speed
 * drifts 2-4x within seconds, the ratio of two benchmarks measured a minute apart says as much
 * about the drift as about the code. Here the five subjects of the ratios (the durable replace
 * alone; group-commit and lockfile+atomic-replace with one writer and with 8) run in one JVM on
 * one disk, one slice of time each, in turn, round after round: a slow stretch of the disk falls
 * on all of them alike, and each ratio is also taken within each round.
 *
 * <pre>java --enable-native-access=ALL-UNNAMED -cp jmh/target/benchmarks.jar clobber.jmh.Interleaved [keys [rounds [slice ms]]]</pre>
 * Defaults: 10 keys, 20 rounds after 2 of warm-up, 500 ms slices (about 1 minute).
 */
public final class Interleaved {
    private Interleaved() {}

    /** One update of a subject; called from as many threads as the subject has writers. */
    @FunctionalInterface
    private interface Update {
        void run() throws IOException;
    }

    /** What takes turns: a name, its writers, and its update. */
    private record Subject(String name, int writers, Update update) {}

    /** The strategies' directories, removed at the end. */
    private static final List<Path> DIRECTORIES = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        int keys = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        long sliceNanos = (args.length > 2 ? Long.parseLong(args[2]) : 500) * 1_000_000;
        Bench_01_PhysicalLimit ceiling = new Bench_01_PhysicalLimit();
        ceiling.keys = keys;
        ceiling.setUp();
        List<Subject> subjects = List.of(
                new Subject("writeFsyncRenameDirFsync", 1, ceiling::writeFsyncRenameDirFsync),
                strategy("group-commit", 1, keys), strategy("lockfile+atomic-replace", 1, keys),
                strategy("group-commit", 8, keys), strategy("lockfile+atomic-replace", 8, keys));
        double[][] rates = new double[rounds][subjects.size()];
        for (int round = -2; round < rounds; round++) {
            for (int s = 0; s < subjects.size(); s++) {
                double rate = slice(subjects.get(s), sliceNanos);
                if (round >= 0) {
                    rates[round][s] = rate;
                }
            }
        }
        ceiling.tearDown();
        for (Path directory : DIRECTORIES) {
            Workspace.delete(directory);
        }

        System.out.printf(Locale.ROOT, "%d keys, %d rounds of %d ms slices: updates/s, mean over the rounds%n",
                keys, rounds, sliceNanos / 1_000_000);
        for (int s = 0; s < subjects.size(); s++) {
            int column = s;
            double mean = Arrays.stream(rates).mapToDouble(r -> r[column]).average().orElseThrow();
            System.out.printf(Locale.ROOT, "  %-26s %d writer%s %,10.0f%n", subjects.get(s).name(), subjects.get(s).writers(),
                    subjects.get(s).writers() == 1 ? " " : "s", mean);
        }
        ratio("group-commit (8) / lockfile+atomic-replace (8)", 5, rates, 3, 4);
        ratio("group-commit (8) / writeFsyncRenameDirFsync", 3, rates, 3, 0);
        ratio("group-commit (1) / lockfile+atomic-replace (1)", 0.9, rates, 1, 2);
    }

    /** A strategy's subject: {@code writers} threads updating one file of {@code keys} keys. */
    private static Subject strategy(String name, int writers, int keys) throws IOException {
        WriteStrategy strategy = Strategies.named(name);
        Path directory = Workspace.directory();
        DIRECTORIES.add(directory);
        Path data = directory.resolve("data.json");
        Workspace.populate(data, keys);
        return new Subject(name, writers, () -> strategy.update(data, Workspace.INCREMENT, StepHook.NONE));
    }

    /** Runs {@code subject}'s writers for one slice and returns its updates/s. */
    private static double slice(Subject subject, long nanos) throws InterruptedException {
        LongAdder done = new LongAdder();
        long start = System.nanoTime();
        long end = start + nanos;
        List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < subject.writers(); w++) {
            writers.add(Thread.ofPlatform().start(() -> {
                try {
                    while (System.nanoTime() < end) {
                        subject.update().run();
                        done.increment();
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }));
        }
        for (Thread writer : writers) {
            writer.join();
        }
        return done.sum() * 1e9 / (System.nanoTime() - start);
    }

    /** The ratio of two subjects' means, and the median and range of the ratio within each round. */
    private static void ratio(String label, double target, double[][] rates, int numerator, int denominator) {
        double[] perRound = Arrays.stream(rates).mapToDouble(r -> r[numerator] / r[denominator]).sorted().toArray();
        double ofMeans = Arrays.stream(rates).mapToDouble(r -> r[numerator]).sum()
                / Arrays.stream(rates).mapToDouble(r -> r[denominator]).sum();
        int n = perRound.length;
        double median = n % 2 == 1 ? perRound[n / 2] : (perRound[n / 2 - 1] + perRound[n / 2]) / 2;
        System.out.printf(Locale.ROOT, "  %-48s %.2fx of the means; per round median %.2fx (%.2f-%.2fx); target >= %.1fx: %s%n",
                label, ofMeans, median, perRound[0], perRound[perRound.length - 1], target, median >= target ? "met" : "missed");
    }
}
