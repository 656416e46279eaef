package io.cellwork.loaddriver.usl;

/** One measurement of a concurrency sweep: throughput (per second) observed at concurrency {@code n}. */
public record UslPoint(double n, double throughput) {}
