package io.cellwork.loaddriver.retry;

import java.util.OptionalLong;

/**
 * When a client retries a failed request: the delay in milliseconds before retry number
 * {@code attempt} (1 = the first retry), or empty to give up. Implementations are immutable
 * apart from their random source and safe to share if that source is.
 */
public interface RetryPolicy {
  OptionalLong delayBeforeRetry(int attempt);
}
