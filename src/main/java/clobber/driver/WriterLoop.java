package clobber.driver;

import clobber.strategy.StepHook;

/**
 * The body of every writer, whatever runs it (a thread, a thread in a worker process): apply its
 * updates one after another and record each one's outcome and trace. An update that throws is
 * counted and the writer goes on, as a real caller retrying later would; it is not acknowledged.
 */
final class WriterLoop {
    private WriterLoop() {}

    static void run(RunSpec spec, WriterRecord record) {
        for (int seq = 0; seq < spec.writesPerWriter() && !Thread.currentThread().isInterrupted(); seq++) {
            int current = seq;
            StepHook traced = step -> {
                record.passed(current, step, System.nanoTime());
                spec.hook().at(step);
            };
            var change = spec.workload().update(record.writer, seq);
            long start = System.nanoTime();
            try {
                spec.strategy().update(spec.file(), document -> {
                    record.fieldsSeen[current] = document.size();
                    return change.apply(document);
                }, traced);
                record.acknowledged.set(seq);
            } catch (Exception e) {
                if (record.errors++ == 0) {
                    record.firstError = describe(e);
                }
            }
            long end = System.nanoTime();
            record.starts[seq] = start;
            record.ends[seq] = end;
            record.latencyMicros.recordValue(Math.max(0, (end - start) / 1000));
            record.completed = seq + 1;
            spec.updatesDone().increment();
        }
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message.lines().findFirst().orElse(""));
    }
}
