package clobber.run;

import clobber.driver.process.WorkerPool;

/** What a driver is made with: the session's worker pool, which starts nothing until a run needs a worker, and the options. */
public record DriverContext(WorkerPool pool, DriverOptions options) {}
