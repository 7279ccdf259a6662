package clobber.cli;

import clobber.check.Criterion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.concurrent.Callable;

/**
 * Every interleaving of the writers' step points, one schedule at a time, each judged: which
 * lose, the shortest that does, and the {@code --schedule} that replays it exactly.
 */
@Command(name = "explore", mixinStandardHelpOptions = true,
        description = "Runs every interleaving of the writers' step points (2 writers x 1 update by default), each judged: "
                + "schedules run, equivalent ones skipped, bad ones by verdict, and the shortest bad schedule with the --schedule that replays it.")
final class ExploreCommand implements Callable<Integer> {

    @Option(names = "--strategy", required = true, description = "A strategy name (see: clobber list) or a class name, on --classpath or clobber's own.")
    String strategy;

    @Option(names = "--driver", defaultValue = "threads", description = "threads (writer threads in this JVM) or processes (a worker JVM per writer). Default: ${DEFAULT-VALUE}.")
    String driver;

    @Mixin
    ExploreOptions explore;

    @Mixin
    ExecutionOptions run;

    @Override
    public Integer call() throws Exception {
        return run.execute(Criterion.CLAIM, List.of(run.classpath.strategy(strategy)), List.of(driver),
                explore.runner(run.options));
    }
}
