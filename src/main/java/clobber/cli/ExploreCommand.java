package clobber.cli;

import clobber.check.Exploration;
import clobber.report.Criterion;
import picocli.CommandLine;
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
    static final int WRITERS = 2;
    static final int UPDATES = 1;

    @Option(names = "--strategy", required = true, description = "A strategy name (see: clobber list) or a class name, on --classpath or clobber's own.")
    String strategy;

    @Option(names = "--driver", defaultValue = "threads", description = "threads (writer threads in this JVM) or processes (a worker JVM per writer). Default: ${DEFAULT-VALUE}.")
    String driver;

    @Mixin
    ExploreOptions explore;

    @Mixin
    ExecutionOptions run;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        smallUnlessTold(spec, run.options);
        return run.execute(Criterion.CLAIM, List.of(run.classpath.strategy(strategy)), List.of(driver),
                Exploration.runner(explore.limits(run.options.writers)));
    }

    /** The search grows exponentially with writers and updates: unless told, it explores 2 writers of 1 update. */
    static void smallUnlessTold(CommandLine.Model.CommandSpec spec, RunOptions options) {
        CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
        if (!parsed.hasMatchedOption("--writers")) {
            options.writers = WRITERS;
        }
        if (!parsed.hasMatchedOption("--writes")) {
            options.writes = UPDATES;
        }
    }
}
