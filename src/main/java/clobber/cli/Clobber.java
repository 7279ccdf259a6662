package clobber.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/**
 * The command line. Exit codes: 0 every verdict matched its strategy's claim (for {@code gate}:
 * every run was safe); 1 some strategy broke its claim (for {@code gate}: some run was not); 2 bad input (one line on stderr, nothing written); 3 an unexpected failure of
 * clobber itself.
 */
@Command(name = "clobber", mixinStandardHelpOptions = true, version = "clobber 0.1",
        description = "Proves, with numbers, which file-update patterns lose data.",
        footer = {"", "The ./clobber launcher also runs:",
                "  test                   every test, then a smoke run of jcstress/ and jmh/ (what CI runs)",
                "  jcstress [options]     the jcstress races, summarised in reports/jcstress/",
                "  bench [--rounds N] [options]  the JMH benchmarks, summarised in reports/bench/"},
        subcommands = {ListCommand.class, RunCommand.class, MatrixCommand.class, GateCommand.class, ExploreCommand.class})
public final class Clobber implements Runnable {
    public static final int CLAIM_BROKEN = 1;
    public static final int BAD_INPUT = 2;
    public static final int INTERNAL_ERROR = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        ExitGuard.install();
        int code;
        try {
            code = execute(args);
        } catch (Throwable t) {
            // An Error (an OutOfMemoryError, say) inside clobber itself: its own failure, exit 3,
            // never 1, which says a strategy broke its claim.
            System.err.println("clobber: failed: " + t);
            code = INTERNAL_ERROR;
        }
        ExitGuard.exit(code);
    }

    /** Runs the command line and returns its exit code. */
    public static int execute(String... args) {
        CommandLine commandLine = new CommandLine(new Clobber());
        commandLine.setParameterExceptionHandler((e, ignored) -> {
            PrintWriter err = e.getCommandLine().getErr();
            err.println("clobber: " + e.getMessage() + " (see: clobber "
                    + e.getCommandLine().getCommandName() + " --help)");
            return BAD_INPUT;
        });
        commandLine.setExecutionExceptionHandler((e, cmd, parseResult) -> {
            if (e instanceof BadInput) {
                cmd.getErr().println("clobber: " + e.getMessage());
                return BAD_INPUT;
            }
            cmd.getErr().println("clobber: failed: " + e);
            return INTERNAL_ERROR;
        });
        return commandLine.execute(args);
    }
}
