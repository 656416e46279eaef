package io.cellwork.loaddriver.report;

/**
 * Rates, per second, of the interval ending {@code tSeconds} into a run: requests the schedule
 * offered, responses that succeeded, responses that failed, and tries sent (requests plus retries).
 */
public record ThroughputSample(double tSeconds, double offered, double achieved, double errors, double tries) {

  /** A sample of a run without retries: every try is an offered request. */
  public ThroughputSample(double tSeconds, double offered, double achieved, double errors) {
    this(tSeconds, offered, achieved, errors, offered);
  }
}
