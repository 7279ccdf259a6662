package clobber.driver.process;

import clobber.driver.RunSpec;
import clobber.driver.WriterRecord;
import clobber.driver.stepped.SteppedWriters;
import clobber.os.KernelThread;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Stepped writers as worker JVMs, one writer each, told when to run on by {@code proceed} lines:
 * real processes with real OS locks between them, so that a lock owned by a process (fcntl's) or
 * by a JVM (a ReentrantLock) is explored as it behaves.
 */
public final class ProcessWriters implements SteppedWriters {
    private final RunSpec spec;
    private final WorkerPool pool;
    private final BlockingQueue<Signal> signals = new LinkedBlockingQueue<>();
    private final WorkerProcess[] workers;
    private final WriterRecord[] records;
    private final int[] threads;
    private final boolean[] done;

    public ProcessWriters(RunSpec spec, WorkerPool pool) {
        this.spec = spec;
        this.pool = pool;
        int count = spec.writers().count();
        workers = new WorkerProcess[count];
        records = new WriterRecord[count];
        threads = new int[count];
        done = new boolean[count];
        for (int w = 0; w < count; w++) {
            records[w] = new WriterRecord(w, spec.writesPerWriter());
        }
    }

    @Override
    public void start() throws IOException {
        for (int w = 0; w < workers.length; w++) {
            int writer = w;
            WorkerProcess worker = pool.take();
            workers[w] = worker;
            worker.listen(line -> heard(writer, worker, line));
            worker.send(new WriterMessage.Job(WorkerJob.stepped(spec, w)).format());
        }
    }

    private void heard(int writer, WorkerProcess worker, String line) {
        if (line == null) {
            String why = worker.describeFailure();
            records[writer].died(why);
            signals.add(new Died(writer, why));
            return;
        }
        WriterMessage message;
        try {
            message = WriterMessage.parse(line);
        } catch (IllegalArgumentException e) {
            signals.add(new Died(writer, worker.name + " said '" + line + "': " + e.getMessage()));
            return;
        }
        switch (message) {
            case WriterMessage.Ready r -> worker.send(new WriterMessage.Go().format());
            case WriterMessage.At at -> {
                threads[writer] = at.thread(); // published to the scheduler by the queue
                signals.add(new Arrived(writer, at.position()));
            }
            case WriterMessage.Failed f -> records[writer].failed(f.error());
            case WriterMessage.Finished f -> records[writer].record(f.update());
            case WriterMessage.Done d -> {
                done[writer] = true;
                signals.add(new Finished(writer));
            }
            default -> signals.add(new Died(writer, worker.name + " sent '" + line + "' out of turn"));
        }
    }

    @Override
    public BlockingQueue<Signal> signals() {
        return signals;
    }

    @Override
    public void proceed(int writer) {
        workers[writer].send(new WriterMessage.Proceed().format());
    }

    @Override
    public java.util.Set<Long> pids() {
        java.util.Set<Long> pids = new java.util.HashSet<>();
        for (WorkerProcess worker : workers) {
            pids.add(worker.process.pid());
        }
        return pids;
    }

    @Override
    public KernelThread kernelThread(int writer) {
        return KernelThread.of(workers[writer].process.pid(), threads[writer]);
    }

    /** A worker's writer is alone in its JVM: no lock inside the JVM can make it wait for another writer. */
    @Override
    public boolean waitsForJavaLock(int writer) {
        return false;
    }

    /**
     * A worker's stop reaches the scheduler as a line through a pipe and a reader thread, which a
     * loaded machine can hold up for a while: the bound is longer than for threads.
     */
    @Override
    public java.time.Duration blockBound() {
        return java.time.Duration.ofMillis(500);
    }

    @Override
    public List<WriterRecord> records() {
        return List.of(records);
    }

    /** Workers whose writer finished serve the next schedule; any other is killed with its group. */
    @Override
    public void close() {
        for (int w = 0; w < workers.length; w++) {
            if (workers[w] == null) {
                continue;
            }
            if (done[w]) {
                pool.giveBack(workers[w]);
            } else {
                workers[w].kill();
            }
        }
    }
}
