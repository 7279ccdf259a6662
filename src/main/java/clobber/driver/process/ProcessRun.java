package clobber.driver.process;

import clobber.check.Evidence;
import clobber.check.Unkept;
import clobber.driver.ExternalWriters;
import clobber.driver.CrashCall;
import clobber.driver.ReaderGang;
import clobber.driver.RunSpec;
import clobber.driver.Stall;
import clobber.driver.UpdateCommand;
import clobber.driver.WriterRecord;
import clobber.driver.trace.Strace;
import clobber.strategy.Step;
import clobber.strategy.Strategies;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One run of the process driver, as an event loop over the lines of all its writer processes:
 * acks (the only evidence of what was promised, kept even from processes that die later),
 * results, deaths. It kills writers as the crash plan says: a Java writer at a step, an external
 * writer right after a system call (strace stops it there, and the loop kills it), either at random
 * moments; it starts replacements for killed Java writers that resume after the in-flight update
 * (an external writer numbers its own updates and is not replaced); it stops the run when no
 * update completes for the stall window or the timeout passes, with a thread dump of every worker
 * still running.
 */
public final class ProcessRun {

    private enum State { STARTING, READY, RUNNING, DONE, DEAD }

    /** The least time a worker JVM is given to start and warm up. */
    private static final java.time.Duration JVM_START = java.time.Duration.ofSeconds(60);

    /** A place for one process: a fixed range of writers, served by one process after another if they are killed. */
    private final class Slot {
        final int number;
        final int first;
        final int count;
        final boolean external;
        WorkerProcess process;
        /** The first update the current process runs: a replacement resumes after its predecessor. */
        int from;
        State state = State.STARTING;
        boolean killedByPlan;
        /** Where strace says it stopped an external writer at its crash point (null: not armed). */
        Path crashTrace;
        int externalUpdates;
        long enteredAt;

        Slot(int number, int first, int count, boolean external) {
            this.number = number;
            this.first = first;
            this.count = count;
            this.external = external;
        }

        String label() {
            return (external ? "external writer W" + first : count == 1 ? "writer W" + first
                    : "writers W" + first + "-W" + (first + count - 1)) + " (" + process.name + ")";
        }
    }

    private record Event(Slot slot, WorkerProcess process, String line) {}

    /**
     * Told of each update the moment the run hears it end, acknowledged or given up: for whatever
     * must happen in step with the writers (a mark in a block device's log, a fault armed).
     */
    @FunctionalInterface
    public interface Listener {
        Listener NONE = (writer, seq, acknowledged) -> { };

        void finished(int writer, int seq, boolean acknowledged) throws IOException;

        /**
         * Whether each Java writer, after each update it acknowledges, waits until this listener
         * has been told before it goes on, so that what the listener does (a mark in a block
         * device's log) comes before anything the writer does next. External writers cannot be held.
         */
        default boolean holdsWriters() {
            return false;
        }
    }

    private final RunSpec spec;
    private final Placement placement;
    private final Listener listener;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final List<Slot> slots = new ArrayList<>();
    private final WriterRecord[] records;
    private final List<String> notes = new ArrayList<>();
    /** Every failed attempt's error and every unplanned death's words, counted by kind as they come. */
    private final java.util.EnumMap<ErrorKind, Integer> errors = new java.util.EnumMap<>(ErrorKind.class);
    private final Random random;
    private final java.util.ArrayDeque<Step> pendingCrashes = new java.util.ArrayDeque<>();
    private final java.util.ArrayDeque<CrashCall> pendingCalls = new java.util.ArrayDeque<>();
    private int kills;
    /** Kills made at random moments (each counts in {@link #kills} once its writer is seen dead). */
    private int randomKills;
    /** Random kills the crash plan called for while every writer was still being replaced: a rate the run could not keep. */
    private int missedKills;
    private long lastProgress;
    /** A condition of the run clobber could not keep, by cause; null while it keeps them all. */
    private Unkept environment;

    /**
     * A run of {@code spec}'s writers over {@code javaProcesses} worker JVMs and one process per
     * external writer, each running where {@code placement} puts it and naming the data file by its
     * own path there, {@code listener} told of each update as it ends. The run's random choices
     * (crash steps, arrivals, kill times, victims) come from its seed.
     */
    public ProcessRun(RunSpec spec, Placement placement, int javaProcesses, Listener listener) {
        this.spec = spec;
        this.placement = placement;
        this.listener = listener;
        this.random = new Random(spec.seed());
        this.records = new WriterRecord[spec.writers().total()];
        for (int w = 0; w < records.length; w++) {
            records[w] = new WriterRecord(w, spec.writesPerWriter());
        }
        int first = 0;
        for (int i = 0; i < javaProcesses; i++) {
            int count = spec.writers().count() / javaProcesses + (i < spec.writers().count() % javaProcesses ? 1 : 0);
            slots.add(new Slot(i, first, count, false));
            first += count;
        }
        for (int w = spec.writers().count(); w < spec.writers().total(); w++) {
            slots.add(new Slot(slots.size(), w, 1, true));
        }
    }

    public Evidence execute() throws IOException, InterruptedException {
        ReaderGang readers = new ReaderGang(spec, spec.stress().readers());
        try {
            if (spec.stress().crash() != null) {
                placement.pool(0).keepSpares(2);
                List<Step> planned = new ArrayList<>(spec.stress().crash().steps());
                java.util.Collections.shuffle(planned, random);
                // The steps every update passes go out first (a stable sort keeps the shuffle's
                // order within each kind): with fewer writers than steps, the first writers might
                // otherwise all take steps their strategy never marks, and a crash run kill nobody.
                planned.sort(java.util.Comparator.comparing(step -> !step.everyUpdate()));
                pendingCrashes.addAll(planned);
                List<CrashCall> calls = new ArrayList<>(spec.stress().crash().calls());
                java.util.Collections.shuffle(calls, random);
                pendingCalls.addAll(calls);
            }
            for (Slot slot : slots) {
                start(slot, 0);
            }
            awaitReady();
            long begin = System.nanoTime();
            lastProgress = begin;
            readers.start();
            slots.stream().filter(slot -> slot.state == State.READY).forEach(this::go);
            String stalled = loop(begin);
            long wall = System.nanoTime() - begin;
            readers.stop();
            Evidence evidence = WriterRecord.evidence(List.of(records), wall).read(readers.reads()).killed(kills).noted(notes);
            if (missedKills > kills) {
                String outran = "--crash-rate " + spec.stress().crash().ratePerSecond() + " called for " + (kills + missedKills)
                        + " kills and " + missedKills + " found every writer still being replaced after the last";
                // A run that finished still crashed its writers at random moments, only fewer: a result, and a note.
                // One stopped for want of progress was stopped by the rate, not by the strategy: it shows nothing.
                if (stalled != null) {
                    environment = new Unkept(Unkept.Cause.CRASHES_OUTRAN,
                            outran + ": writers were killed faster than they could be replaced here; give a lower rate");
                } else {
                    evidence = evidence.noted(List.of(outran + ", so " + kills + " were made"));
                }
            }
            evidence = evidence.unkept(environment);
            return stalled == null ? evidence : evidence.stalled(stalled);
        } finally {
            for (Slot slot : slots) {
                if (slot.state == State.DONE && !slot.external && !slot.killedByPlan) {
                    placement.pool(slot.number).giveBack(slot.process);
                } else if (slot.process != null && slot.state == State.DONE) {
                    slot.process.end(); // it said done: let it exit by itself, and its tracer finish
                } else if (slot.process != null) {
                    slot.process.kill();
                }
            }
        }
    }

    /** Every failed attempt's error and every unplanned death's words, by kind. */
    public java.util.Map<ErrorKind, Integer> errors() {
        return new java.util.EnumMap<>(errors);
    }

    private void error(String words) {
        errors.merge(ErrorKind.of(words), 1, Integer::sum);
    }

    /** Starts a process for {@code slot} from update {@code from}; a Java worker takes the next pending crash step, if any. */
    private void start(Slot slot, int from) throws IOException {
        WorkerProcess process;
        if (slot.external) {
            Path file = placement.file(slot.number);
            List<String> command = externalCommand(file.toString(), slot.first);
            CrashCall crashAt = pendingCalls.poll();
            if (crashAt != null) {
                slot.crashTrace = spec.file().resolveSibling("writer-" + slot.first + ".crash.trace");
                command = Strace.stoppingAfter(crashAt, file, slot.crashTrace, command);
            }
            command = placement.launch(slot.number, slot.first, command);
            process = WorkerProcess.start("external writer " + slot.first, command,
                    spec.file().resolveSibling("writer-" + slot.first + ".stderr"));
        } else {
            process = placement.pool(slot.number).take();
        }
        slot.process = process;
        slot.from = from;
        slot.state = State.STARTING;
        process.listen(line -> events.add(new Event(slot, process, line)));
        if (!slot.external) {
            Step crashAt = pendingCrashes.poll();
            int remaining = spec.writesPerWriter() - from;
            int arrival = crashAt == null ? 0 : 1 + random.nextInt(Math.max(1, remaining / 2));
            RunSpec there = spec.withFile(placement.file(slot.number));
            process.send(new WriterMessage.Job(WorkerJob.of(there, slot.first, slot.count, from, crashAt, arrival,
                    listener.holdsWriters())).format());
        }
    }

    /** The command of external writer {@code writer} on {@code file}: its own, or clobber's launcher around a tool's. */
    private List<String> externalCommand(String file, int writer) {
        ExternalWriters external = spec.writers().external();
        return switch (external.kind()) {
            case WRITER_CMD -> List.of("/bin/sh", "-c", external.writerLine(file, writer, spec.writesPerWriter()));
            case UPDATE_CMD -> UpdateLauncher.command(new UpdateCommand(external.command()), file, writer, spec.writesPerWriter());
        };
    }

    private void go(Slot slot) {
        slot.state = State.RUNNING;
        slot.process.send(new WriterMessage.Go().format());
    }

    /**
     * Waits for every writer to say ready; one that does not is named. An external writer has the
     * run's --timeout to get ready: it is the user's program. clobber's own worker JVMs have at
     * least {@link #JVM_START} (a JVM start and warm-up on a loaded machine), whatever --timeout the
     * run was given for its updates.
     */
    private void awaitReady() throws InterruptedException, WorkerFailure {
        long start = System.nanoTime();
        long externalDeadline = start + spec.limits().timeout().toNanos();
        long jvmDeadline = start + Math.max(spec.limits().timeout().toNanos(), JVM_START.toNanos());
        int ready = 0;
        while (ready < slots.size()) {
            boolean externalWaiting = slots.stream().anyMatch(s -> s.external && s.state == State.STARTING);
            long deadline = externalWaiting ? Math.min(externalDeadline, jvmDeadline) : jvmDeadline;
            Event event = events.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (event == null) {
                Slot late = slots.stream().filter(s -> s.state == State.STARTING && (s.external || !externalWaiting))
                        .findFirst().orElseThrow();
                throw new WorkerFailure(late.label() + " was not ready within "
                        + (late.external ? "the timeout of " + spec.limits().timeout().toSeconds() + " s" : JVM_START.toSeconds() + " s"),
                        late.external);
            }
            Slot slot = event.slot();
            if (event.line() == null && !slot.external && !Strategies.shipped(spec.strategy()) && Strategies.remakeable(spec.strategy())) {
                // A plug-in's warm-up ran in it: a worker that died of it died of the plug-in.
                failed(slot, slot.process, ", before it was ready");
                ready++;
                continue;
            }
            if (event.line() == null) {
                throw new WorkerFailure(slot.process.describeFailure() + ", before it was ready", slot.external);
            }
            if (!(message(slot, event.line()) instanceof WriterMessage.Ready)) {
                throw new WorkerFailure(slot.label() + " printed '" + abbreviate(event.line())
                        + "' where the protocol expects 'ready'", slot.external);
            }
            slot.state = State.READY;
            ready++;
        }
    }

    /** Handles events until every slot is done; returns why the run stalled, or null. */
    private String loop(long begin) throws IOException, InterruptedException {
        long nextKill = nextRandomKill(begin);
        while (slots.stream().anyMatch(s -> s.state == State.RUNNING || s.state == State.STARTING)) {
            Event event = events.poll(20, TimeUnit.MILLISECONDS);
            if (event != null) {
                handle(event);
            }
            long now = System.nanoTime();
            if (now >= nextKill) {
                killRandomWriter();
                nextKill = nextRandomKill(now);
            }
            killStoppedWriters();
            if (slots.stream().anyMatch(s -> s.state == State.STARTING)) {
                lastProgress = now; // a replacement still starting (a JVM on a loaded machine) is not a stall of the strategy
            }
            if (now - lastProgress > spec.limits().stallAfter().toNanos()) {
                return Stall.diagnose(spec.file().toAbsolutePath().getParent(), spec.limits().stallAfter());
            }
            if (now - begin > spec.limits().timeout().toNanos()) {
                return "still running at the timeout of " + spec.limits().timeout().toSeconds() + " s; " + dumpRunning();
            }
        }
        return null;
    }

    private void handle(Event event) throws IOException {
        Slot slot = event.slot();
        String line = event.line();
        if (line == null) {
            died(slot, event.process());
            return;
        }
        boolean replaced = event.process() != slot.process;
        if (!replaced && slot.state == State.DEAD) {
            return; // it broke the protocol: nothing it says afterwards is heard
        }
        WriterMessage message = message(slot, line);
        switch (message) {
            // The evidence of a process already replaced still counts; its other last words do not.
            case WriterMessage.Failed f -> {
                records[writer(slot, f.writer(), f.seq())].failed(f.error());
                error(f.error());
            }
            case WriterMessage.Finished f -> {
                int writer = writer(slot, f.update().writer(), f.update().seq());
                WriterRecord record = records[writer];
                if (record.ran(f.update().seq())) {
                    broke(slot, event.process(), "reported update " + f.update().seq() + " of W" + record.writer() + " finished twice");
                    return;
                }
                record.record(f.update());
                progress(writer, f.update().seq(), f.update().acknowledged());
                if (listener.holdsWriters() && f.update().acknowledged() && !replaced) {
                    event.process().send(new WriterMessage.Proceed().format());
                }
            }
            case WriterMessage.Ack a -> {
                WriterRecord record = records[writer(slot, slot.first, a.seq())];
                if (record.answered(a.seq())) {
                    broke(slot, event.process(), "acknowledged update " + a.seq() + " twice");
                    return;
                }
                record.acknowledge(a.seq());
                progress(slot.first, a.seq(), true);
            }
            case WriterMessage.GaveUp g -> {
                WriterRecord record = records[writer(slot, slot.first, g.seq())];
                if (record.answered(g.seq())) {
                    broke(slot, event.process(), "gave up update " + g.seq() + " it had already answered");
                    return;
                }
                record.failed(g.error());
                record.gaveUp(g.seq());
                error(g.error());
                progress(slot.first, g.seq(), false);
            }
            case WriterMessage.Ready r when !replaced -> {
                go(slot);
            }
            case WriterMessage.Enter e when !replaced -> slot.enteredAt = e.nanos();
            case WriterMessage.Exit e when !replaced -> records[slot.first].criticalSection(
                    Math.min(slot.externalUpdates++, spec.writesPerWriter() - 1), slot.enteredAt, e.nanos());
            case WriterMessage.Done d when !replaced -> {
                long unsettled = unsettled(slot);
                if (unsettled > 0) {
                    broke(slot, event.process(), "said 'done' with " + unsettled + " of its "
                            + slot.count * (spec.writesPerWriter() - slot.from) + " updates neither acknowledged nor failed");
                } else {
                    slot.state = State.DONE;
                }
            }
            default -> {
                if (!replaced) {
                    throw new WorkerFailure(slot.label() + " sent '" + abbreviate(line) + "' out of turn", slot.external);
                }
            }
        }
    }

    /** Updates of {@code slot}'s current process it has not settled: neither finished, acknowledged nor given up. */
    private long unsettled(Slot slot) {
        long unsettled = 0;
        for (int w = slot.first; w < slot.first + slot.count; w++) {
            for (int seq = slot.from; seq < spec.writesPerWriter(); seq++) {
                unsettled += records[w].settled(seq) ? 0 : 1;
            }
        }
        return unsettled;
    }

    /**
     * {@code slot}'s process broke the protocol after the start signal: it is stopped (never given
     * back to the pool), and every update of its writers not acknowledged is given up, with a note.
     */
    private void broke(Slot slot, WorkerProcess process, String what) {
        String why = slot.label() + " " + what + ": a protocol error; its unacknowledged updates are given up";
        notes.add(why);
        error(why);
        if (process == slot.process) {
            slot.state = State.DEAD;
        }
        process.kill();
        for (int w = slot.first; w < slot.first + slot.count; w++) {
            records[w].died(why);
        }
    }

    /** An update finished: progress, for the stall watch, the progress display and the listener. */
    private void progress(int writer, int seq, boolean acknowledged) throws IOException {
        spec.updatesDone().increment();
        lastProgress = System.nanoTime();
        listener.finished(writer, seq, acknowledged);
    }

    /** The message {@code line} carries; a line outside the protocol is the writer's fault, said in one line. */
    private static WriterMessage message(Slot slot, String line) throws WorkerFailure {
        try {
            WriterMessage message = WriterMessage.parse(line);
            boolean externalKind = message instanceof WriterMessage.Ready || message instanceof WriterMessage.Done
                    || message instanceof WriterMessage.Ack || message instanceof WriterMessage.GaveUp
                    || message instanceof WriterMessage.Enter || message instanceof WriterMessage.Exit;
            if (slot.external && !externalKind) {
                throw new IllegalArgumentException("not in the protocol (ready, ack SEQ, gave-up SEQ WHY, enter NANOS, exit NANOS, done)");
            }
            return message;
        } catch (IllegalArgumentException e) {
            throw new WorkerFailure(slot.label() + " printed '" + abbreviate(line) + "': " + e.getMessage(), slot.external);
        }
    }

    /** {@code writer}, checked to be one of {@code slot}'s, with {@code seq} one of its updates. */
    private int writer(Slot slot, int writer, int seq) throws WorkerFailure {
        if (writer < slot.first || writer >= slot.first + slot.count || seq < 0 || seq >= spec.writesPerWriter()) {
            throw new WorkerFailure(slot.label() + " reported update " + seq + " of writer W" + writer
                    + ", which it does not run", slot.external);
        }
        return writer;
    }

    /** A writer process ended: as planned (replace it) or not (report it). */
    private void died(Slot slot, WorkerProcess process) throws IOException {
        if (process != slot.process || slot.state == State.DONE || slot.state == State.DEAD) {
            return;
        }
        process.awaitExit();
        boolean killedBySignal = !process.alive() && process.process.exitValue() == 128 + 9;
        boolean planned = slot.killedByPlan || (spec.stress().crash() != null && killedBySignal && !slot.external);
        if (planned) {
            kills++;
            process.kill();
            if (slot.external) {
                slot.killedByPlan = false;
                slot.state = State.DEAD; // its updates are its own to number: nothing can resume them
                return;
            }
            int from = 0;
            for (int w = slot.first; w < slot.first + slot.count; w++) {
                from = Math.max(from, records[w].lastFinished() + 2); // after the last update it reported, skip the one in flight
            }
            slot.killedByPlan = false;
            if (from < spec.writesPerWriter()) {
                start(slot, from);
            } else {
                slot.state = State.DONE;
            }
            return;
        }
        if (killedBySignal && environment == null) {
            environment = new Unkept(Unkept.Cause.KILLED_FROM_OUTSIDE, slot.label() + " was killed by SIGKILL, which clobber"
                    + " did not send: the OOM killer does that, or someone did; the run did not test the strategy");
        }
        failed(slot, process, slot.external ? ", before it printed 'done'" : "");
    }

    /**
     * A writer under test that died unplanned (an exception, a signal, a stale file handle, a
     * plug-in that ended its JVM) failed: its unacknowledged updates are given up, its stderr
     * quoted, and the run goes on to be judged with everything it already reported.
     */
    private void failed(Slot slot, WorkerProcess process, String when) {
        String why = process.describeFailure() + when;
        notes.add(why);
        error(why);
        slot.state = State.DEAD;
        for (int w = slot.first; w < slot.first + slot.count; w++) {
            records[w].died(why);
        }
    }

    private long nextRandomKill(long now) {
        if (spec.stress().crash() == null || !spec.stress().crash().random() || randomKills >= spec.stress().crash().randomKills()) {
            return Long.MAX_VALUE;
        }
        double seconds = -Math.log(1 - random.nextDouble()) / spec.stress().crash().ratePerSecond();
        long nanos = (long) Math.min(seconds * 1e9, TimeUnit.DAYS.toNanos(1)); // no overflow past Long.MAX_VALUE
        return now + nanos;
    }

    /** A writer, Java or external, killed with its process group (SIGKILL); its end of file arrives as an event. */
    private void killRandomWriter() {
        List<Slot> running = slots.stream().filter(s -> s.state == State.RUNNING && !s.killedByPlan).toList();
        if (running.isEmpty() && slots.stream().anyMatch(s -> s.state == State.STARTING)) {
            missedKills++;
        }
        if (!running.isEmpty()) {
            Slot victim = running.get(random.nextInt(running.size()));
            randomKills++;
            victim.killedByPlan = true;
            victim.process.kill();
        }
    }

    /** External writers that strace has stopped right after their crash point: killed there, before their next instruction. */
    private void killStoppedWriters() {
        for (Slot slot : slots) {
            if (slot.crashTrace != null && slot.state == State.RUNNING && !slot.killedByPlan && Strace.stopped(slot.crashTrace)) {
                slot.killedByPlan = true;
                slot.process.kill();
            }
        }
    }

    /** Thread dumps of the writers still running, saved beside the data file; the first writer frame of each. */
    private String dumpRunning() throws IOException {
        List<String> hung = new ArrayList<>();
        for (Slot slot : slots) {
            if (slot.state == State.RUNNING && !slot.external) {
                String dump = slot.process.threadDump();
                Path file = spec.file().resolveSibling(slot.process.name.replace(' ', '-') + "-threads.txt");
                Files.writeString(file, dump);
                hung.add(slot.label() + " hung; thread dump: " + dump.lines()
                        .filter(l -> l.contains("\"writer-")).findFirst().orElse("(no writer thread)").trim());
            }
        }
        notes.addAll(hung);
        return hung.isEmpty() ? "no writer process still running" : hung.size() + " writer processes hung";
    }

    private static String abbreviate(String line) {
        return line.length() <= 60 ? line : line.substring(0, 57) + "...";
    }
}
