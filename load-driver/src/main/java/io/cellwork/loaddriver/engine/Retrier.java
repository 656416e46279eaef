package io.cellwork.loaddriver.engine;

import java.util.OptionalLong;

/**
 * Whether a failed request is sent again, and after how long (open or closed loop). Called on the
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

  /**
   * As {@link #retryAfterNanos(int, Answer)}, knowing when the request was first meant to go (on the
   * {@link System#nanoTime} clock), for clients that give up at a deadline.
   */
  default OptionalLong retryAfterNanos(int attempt, Answer answer, long firstIntendedNanos) {
    return retryAfterNanos(attempt, answer);
  }

  /** Closed loop: how long a client waits before its next request after giving up on one (a user coming back later). */
  default long pauseAfterGivingUpNanos() {
    return 0;
  }
}
