package io.cellwork.loaddriver.engine;

import java.util.OptionalLong;

/**
 * Whether a closed-loop client sends a failed request again, and after how long. Called on the
 * engine's lanes, concurrently: implementations must be thread-safe.
 */
@FunctionalInterface
public interface Retrier {
  Retrier NEVER = (attempt, answer) -> OptionalLong.empty();

  /**
   * @param attempt how many times this request has been sent so far (1 after the first try)
   * @return the delay in nanoseconds before the next try, or empty to give up
   */
  OptionalLong retryAfterNanos(int attempt, Answer answer);

  /** How long a client waits before its next request after giving up on one (a user coming back later). */
  default long pauseAfterGivingUpNanos() {
    return 0;
  }
}
