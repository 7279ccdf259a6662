package clobber.cli;

import clobber.run.Experiment;
import clobber.run.Exploration;
import clobber.run.Schedule;
import clobber.strategy.Step;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** What bounds an exploration: {@code explore}'s options, and {@code gate --explore}'s. */
final class ExploreOptions {
    static final int WRITERS = 2;
    static final int UPDATES = 1;

    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
    CommandLine.Model.CommandSpec command;

    @Option(names = "--max-schedules", defaultValue = "2000", description = "Stop after this many schedules; the result says when the bound cut the search. Default: ${DEFAULT-VALUE}.")
    int maxSchedules;

    @Option(names = "--schedule", paramLabel = "SPEC", description = "Replay exactly this schedule, e.g. 0x2,1x6,0x4 (W0 moves twice, W1 six times, W0 four times), as the result's shortestBadSchedule gives it.")
    String schedule;

    @Option(names = "--stop-at", paramLabel = "STEP", description = "The first writer to reach STEP stops there for good (as a process stopped by SIGSTOP would): shows who waits for it.")
    String stopAt;

    /** How each cell is explored: with these bounds, and 2 writers x 1 update unless the command line says otherwise. */
    Experiment.Runner runner(RunOptions options) {
        CommandLine.ParseResult parsed = command.commandLine().getParseResult();
        // The space grows exponentially with writers and updates: small unless asked.
        if (!parsed.hasMatchedOption("--writers")) {
            options.writers = WRITERS;
        }
        if (!parsed.hasMatchedOption("--writes")) {
            options.writes = UPDATES;
        }
        return Exploration.runner(limits(options.writers));
    }

    /** The bounds, checked: bad input is one line and exit 2. */
    private Exploration.Limits limits(int writers) {
        if (maxSchedules < 1 || maxSchedules > 1_000_000) {
            throw new BadInput("--max-schedules must be between 1 and 1000000, not " + maxSchedules);
        }
        return new Exploration.Limits(maxSchedules, schedule == null ? null : BadInput.of(() -> Schedule.parse(schedule, writers)),
                stopAt == null ? null : BadInput.of(() -> Step.labelled(stopAt)));
    }
}
