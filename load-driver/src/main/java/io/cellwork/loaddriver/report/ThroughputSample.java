package io.cellwork.loaddriver.report;

/**
 * Rates, per second, of the interval ending {@code tSeconds} into a run: requests the schedule
 * offered, responses that succeeded, and responses that failed.
 */
public record ThroughputSample(double tSeconds, double offered, double achieved, double errors) {}
