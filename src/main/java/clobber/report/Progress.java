package clobber.report;

import clobber.check.RunResult;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * Progress on stderr, so that stdout keeps only the table. Updates done of the total, writes
 * lost so far (known once a run has been judged), and the time left at the rate so far.
 *
 * <p>On a terminal, a bar redrawn in place ({@code \r}) four times a second; elsewhere (CI logs,
 * a file), a plain line every ten seconds, since a log cannot redraw. Either way nothing appears
 * in the first second: a short run needs no progress, only its result. Each finished run's line
 * is printed as before, above the bar.
 */
public final class Progress implements AutoCloseable {
    private static final long QUIET_NANOS = 1_000_000_000L;
    private static final int WIDTH = 30;

    private final PrintStream err;
    private final boolean terminal;
    private final long total;
    private final LongSupplier nanos;
    private final long started;
    private final LongAdder updates = new LongAdder();
    private long lost;
    private boolean drawn;
    private Thread ticker;

    Progress(PrintStream err, boolean terminal, long totalUpdates, LongSupplier nanos) {
        this.err = err;
        this.terminal = terminal;
        this.total = totalUpdates;
        this.nanos = nanos;
        this.started = nanos.getAsLong();
    }

    /** Progress of {@code totalUpdates} updates, drawn by a daemon thread until closed. */
    public static Progress start(PrintStream err, boolean terminal, long totalUpdates) {
        Progress progress = new Progress(err, terminal, totalUpdates, System::nanoTime);
        long every = terminal ? 250 : 10_000;
        progress.ticker = Thread.ofPlatform().name("clobber-progress").daemon().start(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    Thread.sleep(every);
                    progress.tick();
                }
            } catch (InterruptedException e) {
                // closed
            }
        });
        return progress;
    }

    /** The counter the writers increment after every update. */
    public LongAdder updates() {
        return updates;
    }

    /** A run was judged: print its line and count its losses. */
    public synchronized void finished(RunResult run) {
        lost += run.damage().loss().atLeast(); // a bound is counted at its floor
        clearBar();
        err.println(Table.progressLine(run));
        tick();
    }

    /** Draws the bar or prints a line, once the run has gone on for a second. */
    synchronized void tick() {
        long elapsed = nanos.getAsLong() - started;
        if (elapsed < QUIET_NANOS) {
            return;
        }
        String status = status(updates.sum(), lost, elapsed);
        if (terminal) {
            err.print("\r" + status + "\u001b[K");
            drawn = true;
        } else {
            err.println("progress: " + status);
        }
        err.flush();
    }

    /** e.g. {@code [#########.....................]  312/1000 updates  31%  lost 120  ETA 4s} */
    String status(long done, long lostSoFar, long elapsedNanos) {
        double fraction = total > 0 ? Math.min(1, (double) done / total) : 1;
        int filled = (int) Math.round(fraction * WIDTH);
        String eta = done == 0 ? "?" : seconds((long) (elapsedNanos / 1e9 * (total - done) / done));
        String bar = terminal ? "[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " : "";
        return String.format(Locale.ROOT, "%s%,d/%,d updates %3.0f%%  lost %,d  ETA %s",
                bar, done, total, 100 * fraction, lostSoFar, eta);
    }

    private static String seconds(long seconds) {
        return seconds < 60 ? seconds + "s" : seconds / 60 + "m" + String.format(Locale.ROOT, "%02d", seconds % 60) + "s";
    }

    private void clearBar() {
        if (drawn) {
            err.print("\r\u001b[K");
            drawn = false;
        }
    }

    @Override
    public synchronized void close() {
        if (ticker != null) {
            ticker.interrupt();
        }
        clearBar();
        err.flush();
    }
}
