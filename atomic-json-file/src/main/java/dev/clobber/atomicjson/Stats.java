package dev.clobber.atomicjson;

import java.time.Duration;

/**
 * What a file's updates cost: how many completed (committed or failed), in how many commits, and
 * the median and 99th percentile of their latency from enqueue to completion over the most recent
 * ones. {@code updates / batches} is how much group commit saved: one write, two fsyncs and a
 * rename per batch instead of per update.
 */
public record Stats(long updates, long batches, Duration p50, Duration p99) {}
