package clobber.driver.process;

import clobber.check.Evidence;
import clobber.driver.ReaderGang;
import clobber.driver.RunSpec;
import clobber.driver.Stall;
import clobber.driver.WriterRecord;
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
 * results, deaths. It kills writers as the crash plan says and starts replacements that resume
 * after the killed writer's in-flight update; it stops the run when no update completes for the
 * stall window or the timeout passes, with a thread dump of every worker still running.
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

    private final RunSpec spec;
    private final Placement placement;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final List<Slot> slots = new ArrayList<>();
    private final WriterRecord[] records;
    private final List<String> notes = new ArrayList<>();
    /** Every failed attempt's error and every unplanned death's words, counted by kind as they come. */
    private final java.util.EnumMap<ErrorKind, Integer> errors = new java.util.EnumMap<>(ErrorKind.class);
    private final Random random;
    private final java.util.ArrayDeque<Step> pendingCrashes = new java.util.ArrayDeque<>();
    private int kills;
    /** Random kills the crash plan called for while every writer was still being replaced: a rate the run could not keep. */
    private int missedKills;
    private long lastProgress;
    /** A condition of the run clobber could not keep, in words; null while it keeps them all. */
    private String environment;

    /**
     * A run of {@code spec}'s writers over {@code javaProcesses} worker JVMs and one process per
     * external writer, each running where {@code placement} puts it and naming the data file by its
     * own path there. The run's random choices (crash steps, arrivals, kill times, victims) come
     * from its seed.
     */
    public ProcessRun(RunSpec spec, Placement placement, int javaProcesses) {
        this.spec = spec;
        this.placement = placement;
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
                pendingCrashes.addAll(planned);
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
                    environment = outran + ": writers were killed faster than they could be replaced here; give a lower rate";
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
            List<String> command = placement.launch(slot.number, slot.first,
                    spec.writers().external().commandFor(placement.file(slot.number).toString(), slot.first, spec.writesPerWriter()));
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
            process.send(new WriterMessage.Job(WorkerJob.of(there, slot.first, slot.count, from, crashAt, arrival)).format());
        }
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
                WriterRecord record = records[writer(slot, f.update().writer(), f.update().seq())];
                if (record.ran(f.update().seq())) {
                    broke(slot, event.process(), "reported update " + f.update().seq() + " of W" + record.writer() + " finished twice");
                    return;
                }
                record.record(f.update());
                progress();
            }
            case WriterMessage.Ack a -> {
                WriterRecord record = records[writer(slot, slot.first, a.seq())];
                if (record.acknowledged(a.seq())) {
                    broke(slot, event.process(), "acknowledged update " + a.seq() + " twice");
                    return;
                }
                record.acknowledge(a.seq());
                progress();
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

    /** Updates of {@code slot}'s current process that it has not reported finished or acknowledged. */
    private long unsettled(Slot slot) {
        long unsettled = 0;
        for (int w = slot.first; w < slot.first + slot.count; w++) {
            for (int seq = slot.from; seq < spec.writesPerWriter(); seq++) {
                unsettled += records[w].ran(seq) || records[w].acknowledged(seq) ? 0 : 1;
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

    /** An update finished: progress, for the stall watch and the progress display. */
    private void progress() {
        spec.updatesDone().increment();
        lastProgress = System.nanoTime();
    }

    /** The message {@code line} carries; a line outside the protocol is the writer's fault, said in one line. */
    private static WriterMessage message(Slot slot, String line) throws WorkerFailure {
        try {
            WriterMessage message = WriterMessage.parse(line);
            boolean externalKind = message instanceof WriterMessage.Ready || message instanceof WriterMessage.Done
                    || message instanceof WriterMessage.Ack || message instanceof WriterMessage.Enter || message instanceof WriterMessage.Exit;
            if (slot.external && !externalKind) {
                throw new IllegalArgumentException("not in the protocol (ready, ack SEQ, enter NANOS, exit NANOS, done)");
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
            environment = slot.label() + " was killed by SIGKILL, which clobber did not send: the OOM killer does that, or"
                    + " someone did; the run did not test the strategy";
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
        if (spec.stress().crash() == null || !spec.stress().crash().random()) {
            return Long.MAX_VALUE;
        }
        double seconds = -Math.log(1 - random.nextDouble()) / spec.stress().crash().ratePerSecond();
        long nanos = (long) Math.min(seconds * 1e9, TimeUnit.DAYS.toNanos(1)); // no overflow past Long.MAX_VALUE
        return now + nanos;
    }

    private void killRandomWriter() {
        List<Slot> running = slots.stream().filter(s -> s.state == State.RUNNING && !s.external).toList();
        if (running.isEmpty() && slots.stream().anyMatch(s -> s.state == State.STARTING)) {
            missedKills++;
        }
        if (!running.isEmpty()) {
            Slot victim = running.get(random.nextInt(running.size()));
            victim.killedByPlan = true;
            victim.process.process.destroyForcibly(); // SIGKILL; its end of file arrives as an event
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
