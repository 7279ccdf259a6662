package clobber.cli;

import clobber.check.Criterion;
import clobber.strategy.WriteStrategy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "matrix", mixinStandardHelpOptions = true,
        description = "Runs every strategy under every driver and prints the table of verdicts.")
final class MatrixCommand implements Callable<Integer> {

    @Option(names = "--strategies", split = ",", description = "Strategies to run (default: all registered).")
    List<String> strategies;

    @Option(names = "--drivers", split = ",", description = "Drivers to run: threads, processes, mixed, crash, readers, locks, powerloss (default: all), and hosts (never by default: it sets up a distributed file system).")
    List<String> drivers;

    @Mixin
    ExecutionOptions run;

    @Override
    public Integer call() throws Exception {
        List<WriteStrategy> chosen = strategies == null ? run.classpath.all()
                : strategies.stream().map(run.classpath::strategy).toList();
        return run.execute(Criterion.CLAIM, chosen, drivers);
    }
}
