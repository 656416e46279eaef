package io.cellwork.loaddriver.report;

/** Latency percentiles, in milliseconds, of the interval ending {@code tSeconds} into a run. */
public record LatencySample(double tSeconds, double p50, double p90, double p99, double max) {}
