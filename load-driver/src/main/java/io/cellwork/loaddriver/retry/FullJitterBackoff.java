package io.cellwork.loaddriver.retry;

import java.util.Objects;
import java.util.OptionalLong;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with "full jitter" (AWS Architecture Blog, "Exponential Backoff And
 * Jitter"): the delay before retry {@code attempt} is uniform in [0, min(cap, base·2^attempt)]
 * milliseconds, so clients that failed together spread their retries over the whole window
 * instead of arriving again in lockstep. Gives up after {@code maxAttempts} retries. O(1) per
 * call; thread-safe exactly when {@code random} is (e.g. a {@code SplittableRandom} per thread,
 * or {@code ThreadLocalRandom.current()} used from one thread).
 */
public final class FullJitterBackoff implements RetryPolicy {
  private final long baseMillis;
  private final long capMillis;
  private final int maxAttempts;
  private final RandomGenerator random;

  public FullJitterBackoff(long baseMillis, long capMillis, int maxAttempts, RandomGenerator random) {
    if (baseMillis <= 0) {
      throw new IllegalArgumentException("baseMillis must be > 0, got " + baseMillis);
    }
    if (capMillis < baseMillis) {
      throw new IllegalArgumentException(
          "capMillis (" + capMillis + ") must be >= baseMillis (" + baseMillis + ")");
    }
    if (maxAttempts < 0) {
      throw new IllegalArgumentException("maxAttempts must be >= 0, got " + maxAttempts);
    }
    this.baseMillis = baseMillis;
    this.capMillis = capMillis;
    this.maxAttempts = maxAttempts;
    this.random = Objects.requireNonNull(random, "random");
  }

  @Override
  public OptionalLong delayBeforeRetry(int attempt) {
    if (attempt < 1 || attempt > maxAttempts) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(random.nextLong(ceilingMillis(attempt) + 1));
  }

  /** min(cap, base·2^attempt), without overflow for large attempts. */
  public long ceilingMillis(int attempt) {
    if (attempt >= Long.numberOfLeadingZeros(baseMillis) - 1) {
      return capMillis;
    }
    return Math.min(capMillis, baseMillis << attempt);
  }

  public long baseMillis() {
    return baseMillis;
  }

  public long capMillis() {
    return capMillis;
  }

  public int maxAttempts() {
    return maxAttempts;
  }
}
