package clobber.cli;

import clobber.driver.Driver;
import clobber.report.Criterion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Runs one strategy under one driver and judges the file it leaves.")
final class RunCommand implements Callable<Integer> {

    @Option(names = "--strategy", required = true, description = "A strategy name (see: clobber list) or a class name on the classpath.")
    String strategy;

    @Option(names = "--driver", defaultValue = "threads", description = "How the writers run: threads. Default: ${DEFAULT-VALUE}.")
    String driver;

    @Mixin
    ExecutionOptions run;

    @Override
    public Integer call() throws Exception {
        return run.execute(Criterion.CLAIM, List.of(run.classpath.strategy(strategy)), List.of(Driver.named(driver)));
    }
}
