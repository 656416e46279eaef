package io.cellwork.loaddriver.engine;

import java.util.Map;

/**
 * One second (or so) of a run, for the progress line and the plots over time.
 *
 * @param endSeconds seconds since the run started, at the interval's end
 * @param offeredRate requests sent per second in the interval
 * @param okRate 2xx answers per second
 * @param errorRate other answers and failures per second
 * @param errors the interval's errors by outcome
 * @param triesRate tries sent per second: new requests plus retries (equals offeredRate when nothing is retried)
 */
public record Interval(double endSeconds, double offeredRate, double okRate, double errorRate, double p50Millis,
    double p90Millis, double p99Millis, double maxMillis, int inFlight, Map<String, Long> errors, double triesRate) {

  /** Whether some tries in the interval were retries. */
  public boolean retried() {
    return triesRate > offeredRate + 0.5;
  }
}
