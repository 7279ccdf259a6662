package clobber.driver.process;

import clobber.check.Position;
import clobber.driver.RunSpec;
import clobber.driver.Stops;
import clobber.driver.WarmUp;
import clobber.driver.WriterGang;
import clobber.driver.WriterLoop;
import clobber.driver.WriterRecord;
import clobber.os.NativeProcess;
import clobber.os.PrivateStdio;
import clobber.strategy.Step;
import clobber.strategy.StepHook;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The main class of a worker process. It talks to the driver in {@link WriterMessage} lines, on
 * stdin and stdout:
 * <pre>
 *   driver: job {json}        worker: sets up its writers, warms up, parks them
 *                             worker: ready
 *   driver: go                worker: releases its writers, and as it happens:
 *                             worker: failed {writer, seq, error}          (each failed attempt)
 *                             worker: finished {update: {writer, seq, start, end, stepTimes, fieldsSeen, acknowledged}}
 *                             worker: done                                 (when all are done)
 * </pre>
 * and then waits for the next job, so one worker serves many runs. In a stepped job the worker
 * also says {@code at WRITER UPDATE STEP THREAD} at each stop and waits for {@code proceed}. Each update's report is
 * written before the writer starts its next update: a worker killed later has still told what it
 * was promised, what failed, and when each critical section began and ended.
 * Its stdin is also its lifeline: when the driver's process ends, for any reason including
 * SIGKILL, the pipe closes, the worker reads end of file and halts at once. No worker outlives
 * the run that started it.
 */
public final class Worker {

    private Worker() {}

    public static void main(String[] args) {
        try {
            serve();
        } catch (Throwable t) {
            // One line for the driver to quote; the driver reports it with this worker's number.
            System.err.println("worker failed: " + t);
            System.exit(1);
        }
    }

    private static void serve() throws Exception {
        // The protocol on descriptors of its own: anything a strategy prints, even to
        // FileDescriptor.out, goes to stderr, and it reads nothing of the driver's from stdin.
        PrivateStdio stdio = PrivateStdio.take();
        PrintStream protocol = new PrintStream(stdio.out(), true, StandardCharsets.UTF_8);
        System.setOut(System.err);
        BlockingQueue<String> lines = lifeline(stdio.in());
        while (true) {
            if (!(WriterMessage.parse(lines.take()) instanceof WriterMessage.Job(WorkerJob job))) {
                throw new IllegalStateException("expected a job");
            }
            RunSpec spec = job.spec();
            if (job.stepped()) {
                WarmUp.once(spec);
            } else {
                WarmUp.run(spec);
            }
            StepHook crash = crashHook(job);
            Stops stops = job.stepped() ? new Stops(job.first(), turns(protocol, lines)) : null;
            WriterGang gang = new WriterGang(spec, job.first(), job.count(), job.from(),
                    w -> stops != null ? stops : spec.pauseHook().andThen(crash), new WriterLoop.Listener() {
                        @Override
                        public void starting(WriterRecord record, int seq) {
                            if (stops != null) {
                                stops.startOf(seq);
                            }
                        }

                        @Override
                        public void finished(WriterRecord record, int seq, boolean acknowledged) {
                            protocol.println(new WriterMessage.Finished(record.trace(seq)).format());
                            if (job.held() && acknowledged) {
                                awaitProceed(lines);
                            }
                        }

                        @Override
                        public void attemptFailed(WriterRecord record, int seq, String error) {
                            protocol.println(new WriterMessage.Failed(record.writer(), seq, error).format());
                        }
                    });
            gang.awaitReady();
            protocol.println(new WriterMessage.Ready().format());
            if (!(WriterMessage.parse(lines.take()) instanceof WriterMessage.Go)) {
                throw new IllegalStateException("expected go");
            }
            gang.release();
            gang.await(Long.MAX_VALUE);
            protocol.println(new WriterMessage.Done().format());
        }
    }

    /**
     * A stepped writer's turns over the protocol: it says {@code at}, then waits for the driver's
     * {@code proceed}. A stepped job has one writer, so the lines that arrive meanwhile are its own.
     */
    private static Stops.Turns turns(PrintStream protocol, BlockingQueue<String> lines) {
        return new Stops.Turns() {
            @Override
            public void arrived(int writer, Position position, int thread) {
                protocol.println(new WriterMessage.At(writer, position, thread).format());
            }

            @Override
            public void awaitTurn(int writer) {
                try {
                    if (!(WriterMessage.parse(lines.take()) instanceof WriterMessage.Proceed)) {
                        throw new IllegalStateException("expected proceed");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new Stops.ScheduleAborted();
                }
            }
        };
    }

    /** Waits for the driver's {@code proceed}; the end of the pipe ends the process meanwhile. */
    private static void awaitProceed(BlockingQueue<String> lines) {
        try {
            if (!(WriterMessage.parse(lines.take()) instanceof WriterMessage.Proceed)) {
                throw new IllegalStateException("expected proceed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** SIGKILLs this process the crashArrival-th time any of its writers reaches the job's crash step. */
    private static StepHook crashHook(WorkerJob job) {
        if (job.crashAt() == null) {
            return StepHook.NONE;
        }
        Step at = Step.labelled(job.crashAt());
        AtomicInteger arrivals = new AtomicInteger();
        return step -> {
            if (step == at && arrivals.incrementAndGet() == job.crashArrival()) {
                try {
                    NativeProcess.killSelf();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }

    /** Reads stdin on a thread of its own; at end of file the driver is gone, and so is this process. */
    private static BlockingQueue<String> lifeline(InputStream driver) {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread.ofPlatform().daemon().name("lifeline").start(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(driver, StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // a broken pipe is the same news as end of file
            }
            Runtime.getRuntime().halt(0);
        });
        return lines;
    }

}
