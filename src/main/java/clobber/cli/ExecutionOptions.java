package clobber.cli;

import clobber.run.Experiment;
import clobber.check.Criterion;
import clobber.strategy.WriteStrategy;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;

import java.io.IOException;
import java.util.List;

/** The options of every command that runs strategies ({@code run}, {@code matrix}, {@code gate}), and the running. */
final class ExecutionOptions {

    @Mixin
    RunOptions options;

    @Mixin
    ReportOptions report;

    @Mixin
    ClasspathOption classpath;

    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
    CommandLine.Model.CommandSpec command;

    /** Runs {@code strategies} under the drivers named (null: all), judged by {@code criterion}. */
    int execute(Criterion criterion, List<WriteStrategy> strategies, List<String> drivers)
            throws IOException, InterruptedException {
        return execute(criterion, strategies, drivers, Experiment.ONCE);
    }

    /** As above, each cell run by {@code runner}: once, or explored. */
    int execute(Criterion criterion, List<WriteStrategy> strategies, List<String> drivers, Experiment.Runner runner)
            throws IOException, InterruptedException {
        return execute(criterion, strategies, drivers, runner, Execution.Unfit.SKIPPED);
    }

    /** As above, with cells that cannot run skipped or refused. */
    int execute(Criterion criterion, List<WriteStrategy> strategies, List<String> drivers, Experiment.Runner runner,
                Execution.Unfit unfit) throws IOException, InterruptedException {
        return Execution.run(Execution.arguments(command), options, report, classpath, criterion, strategies, drivers, runner, unfit);
    }
}
