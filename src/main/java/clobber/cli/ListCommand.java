package clobber.cli;

import clobber.os.LockPrimitive;
import clobber.strategy.Strategies;
import clobber.strategy.WriteStrategy;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

@Command(name = "list", description = "Lists the strategies, their claims and their lessons, and the lock primitives.")
final class ListCommand implements Callable<Integer> {

    @Override
    public Integer call() {
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
