package clobber.cli;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * clobber's JVM ends when clobber decides, with the exit code it chose. Where a plug-in still runs
 * in it (as it is loaded; as the explorer steps threads), a {@code System.exit} of the plug-in's
 * would otherwise end the run with the plug-in's code, 0 as like as not, and no verdict: a gate
 * passed by a strategy that never finished. A shutdown hook sees such an exit, waits for clobber's
 * other hooks (its workers killed, its scratch directory deleted), says in one line who ended the
 * JVM, and makes the code 3. An end by a signal (Ctrl-C, SIGTERM) keeps its own code.
 * {@code Runtime.halt} runs no hook and cannot be seen here: under the threads and readers drivers
 * a plug-in's writers run in a worker JVM for that reason.
 */
final class ExitGuard {
    private static volatile boolean decided;

    private ExitGuard() {}

    static void install() {
        Runtime.getRuntime().addShutdownHook(new Thread(ExitGuard::check, "exit-guard"));
    }

    /** Ends the JVM with {@code code}, as clobber decided. */
    static void exit(int code) {
        decided = true;
        System.exit(code);
    }

    private static void check() {
        if (decided) {
            return;
        }
        Map<Thread, StackTraceElement[]> threads = Thread.getAllStackTraces();
        Optional<Map.Entry<Thread, StackTraceElement[]>> exiting = threads.entrySet().stream()
                .filter(t -> Arrays.stream(t.getValue()).anyMatch(f -> f.getClassName().equals("java.lang.Shutdown") && f.getMethodName().equals("exit")))
                .findFirst();
        if (exiting.isEmpty() || Arrays.stream(exiting.get().getValue()).anyMatch(f -> f.getClassName().startsWith("java.lang.Terminator"))) {
            return; // a signal, or the last thread ending: not an exit anyone called
        }
        String caller = Arrays.stream(exiting.get().getValue())
                .filter(f -> !f.getClassName().startsWith("java.") && !f.getClassName().startsWith("jdk.internal."))
                .findFirst().map(f -> f.getClassName() + "." + f.getMethodName()).orElse("a thread");
        awaitOtherHooks(exiting.get().getKey());
        System.err.println("clobber: failed: " + caller + " called System.exit in clobber's own JVM, ending the run before it was judged");
        Runtime.getRuntime().halt(Clobber.INTERNAL_ERROR);
    }

    /**
     * Waits, at most a few seconds, for the JVM's other shutdown hooks: every other thread still
     * running that is no daemon, but the one that called exit and the main thread, both of which
     * wait for the hooks.
     */
    private static void awaitOtherHooks(Thread exiting) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            long left = deadline - System.nanoTime();
            if (thread == Thread.currentThread() || thread == exiting || thread.isDaemon() || thread.getName().equals("main") || left <= 0) {
                continue;
            }
            try {
                thread.join(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
