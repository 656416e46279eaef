package io.cellwork.loaddriver.retry;

import java.util.OptionalLong;

/**
 * The naive client of the thundering-herd scenario: retries at once, up to {@code maxAttempts}
 * times. Stateless and thread-safe.
 */
public record ImmediateRetry(int maxAttempts) implements RetryPolicy {
  public ImmediateRetry {
    if (maxAttempts < 0) {
      throw new IllegalArgumentException("maxAttempts must be >= 0, got " + maxAttempts);
    }
  }

  @Override
  public OptionalLong delayBeforeRetry(int attempt) {
    return attempt >= 1 && attempt <= maxAttempts ? OptionalLong.of(0) : OptionalLong.empty();
  }
}
