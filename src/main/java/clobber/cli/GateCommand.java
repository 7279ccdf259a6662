package clobber.cli;

import clobber.check.Criterion;
import clobber.run.Experiment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.concurrent.Callable;

/**
 * The CI entry point: one strategy, usually the user's own, under the chosen drivers. Stricter
 * than {@code run}: whatever the strategy claims, exit 1 if any run loses a write, corrupts the
 * file, fails an update, stalls, tears a read or lets two writers overlap; 0 if none does.
 */
@Command(name = "gate", mixinStandardHelpOptions = true,
        description = "CI gate: runs one strategy under the chosen drivers; exit 1 if any run loses a write, corrupts, fails an update, stalls, tears a read or overlaps, 0 otherwise, 2 on bad input.")
final class GateCommand implements Callable<Integer> {

    @Option(names = "--strategy", required = true, description = "A registered strategy name or a class name, on --classpath or clobber's own.")
    String strategy;

    @Option(names = "--drivers", split = ",", defaultValue = "threads", description = "Drivers to run under. Default: ${DEFAULT-VALUE}.")
    List<String> drivers;

    @Option(names = "--explore", description = "Explore every interleaving of the writers' step points instead of racing them (threads and processes; 2 writers x 1 update unless told): deterministic, fails when any schedule loses, corrupts or deadlocks.")
    boolean explore;

    @Option(names = "--skip-unfit", description = "Run the drivers that can run the strategy and skip the others, saying so; without it, a driver that cannot is bad input.")
    boolean skipUnfit;

    @Mixin
    ExploreOptions exploration;

    @Mixin
    ExecutionOptions run;

    @Override
    public Integer call() throws Exception {
        return run.execute(Criterion.GATE, List.of(run.classpath.strategy(strategy)), drivers,
                explore ? exploration.runner(run.options) : Experiment.ONCE, skipUnfit ? Execution.Unfit.SKIPPED : Execution.Unfit.REFUSED);
    }
}
