package clobber.cli;

import clobber.check.Criterion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Runs one strategy under one driver and judges what it leaves.")
final class RunCommand implements Callable<Integer> {

    @Option(names = "--strategy", required = true, description = "A strategy name (see: clobber list) or a class name, on --classpath or clobber's own.")
    String strategy;

    @Option(names = "--driver", defaultValue = "threads", description = "How the writers run: threads, processes (a JVM per writer), mixed (--processes JVMs, writers spread over them as threads), crash (processes, killed with SIGKILL), readers (threads, and readers without the lock), locks (processes under strace, each change checked to be made under a lock that excludes the others), powerloss (every state a power cut could leave), hosts (processes on --hosts hosts sharing one file on a distributed file system). Default: ${DEFAULT-VALUE}.")
    String driver;

    @Mixin
    ExecutionOptions run;

    @Override
    public Integer call() throws Exception {
        return run.execute(Criterion.CLAIM, List.of(run.classpath.strategy(strategy)), List.of(driver));
    }
}
