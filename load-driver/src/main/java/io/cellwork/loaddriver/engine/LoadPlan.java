package io.cellwork.loaddriver.engine;

import java.time.Duration;

/**
 * How a run offers load and when it stops.
 *
 * @param openLoop true: requests go out on a schedule whatever the answers do; false: {@code
 *     concurrency} clients each send their next request as soon as the previous answer arrives
 * @param poisson open loop only: exponential gaps (Poisson arrivals) instead of even spacing
 * @param profile open loop: requests per second over time
 * @param concurrency closed loop: number of clients
 * @param duration how long requests are sent; zero for no time bound
 * @param maxRequests how many requests at most; 0 for no count bound
 * @param drain how long to wait for answers still outstanding after the last send
 */
public record LoadPlan(boolean openLoop, boolean poisson, RateProfile profile, int concurrency, Duration duration,
    long maxRequests, Duration drain) {

  public LoadPlan {
    if (duration.isZero() && maxRequests <= 0) {
      throw new IllegalArgumentException("a run needs a bound: a duration, a request count, or both");
    }
    if (!openLoop && concurrency < 1) {
      throw new IllegalArgumentException("closed loop needs concurrency >= 1");
    }
  }

  public static LoadPlan open(double rate, Duration duration) {
    return new LoadPlan(true, false, new RateProfile.Constant(rate), 0, duration, 0, Duration.ofSeconds(10));
  }

  public static LoadPlan closed(int concurrency, Duration duration) {
    return new LoadPlan(false, false, new RateProfile.Constant(0), concurrency, duration, 0, Duration.ofSeconds(10));
  }

  /** Closed loop bounded by a request count only. */
  public static LoadPlan closedFor(int concurrency, long requests) {
    return new LoadPlan(false, false, new RateProfile.Constant(0), concurrency, Duration.ZERO, requests, Duration.ofSeconds(10));
  }

  public LoadPlan withMaxRequests(long max) {
    return new LoadPlan(openLoop, poisson, profile, concurrency, duration, max, drain);
  }

  public LoadPlan withDrain(Duration newDrain) {
    return new LoadPlan(openLoop, poisson, profile, concurrency, duration, maxRequests, newDrain);
  }
}
