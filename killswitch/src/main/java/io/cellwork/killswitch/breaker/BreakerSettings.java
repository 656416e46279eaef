package io.cellwork.killswitch.breaker;

import com.typesafe.config.Config;
import java.time.Duration;

/** {@code cellwork.killswitch.breaker}: when a cell's breaker opens, and how it probes its way back. */
public record BreakerSettings(
    float failureRateThreshold,
    float slowCallRateThreshold,
    Duration slowCallDuration,
    int slidingWindowCalls,
    int minimumCalls,
    Duration waitInOpen,
    int halfOpenCalls) {

  public static BreakerSettings fromConfig(Config breaker) {
    return new BreakerSettings(
        (float) breaker.getDouble("failure-rate-threshold"),
        (float) breaker.getDouble("slow-call-rate-threshold"),
        breaker.getDuration("slow-call-duration"),
        breaker.getInt("sliding-window-calls"),
        breaker.getInt("minimum-calls"),
        breaker.getDuration("wait-in-open"),
        breaker.getInt("half-open-calls"));
  }
}
