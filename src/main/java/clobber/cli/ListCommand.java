package clobber.cli;

import clobber.os.LockPrimitive;
import clobber.strategy.Strategies;
import clobber.strategy.WriteStrategy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

@Command(name = "list", mixinStandardHelpOptions = true,
        description = "Lists the strategies, their claims and their lessons, and the lock primitives.")
final class ListCommand implements Callable<Integer> {

    @Option(names = "--markdown", description = "Print the tables of strategies, drivers and verdicts as the README has them.")
    boolean markdown;

    @Override
    public Integer call() {
        if (markdown) {
            System.out.print(ReferenceTables.all(Strategies.all()));
            return 0;
        }
        for (WriteStrategy strategy : Strategies.all()) {
            System.out.printf("%s  [%s]%s%n", strategy.name(), strategy.claim(),
                    strategy.lock().map(l -> "  (--lock, default " + l.name() + ")").orElse(""));
            System.out.println(Text.wrap(strategy.lesson(), "    ", 96));
            System.out.println();
        }
        System.out.println("Lock primitives for --lock:");
        for (LockPrimitive lock : LockPrimitive.all()) {
            System.out.printf("  %-8s %s%n", lock.name(),
                    lock.excludesThreads() ? "excludes threads and processes" : "excludes other processes only");
        }
        return 0;
    }
}
