package io.cellwork.cells.cell;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * When to (re)send a transfer's message to its target cell: at once the first time, then with
 * exponential backoff up to a cap, until the target answers. Delivery is at-least-once; the
 * target deduplicates. Runtime only: after a restart every open transfer is due again. Not
 * thread-safe: owned by the cell actor.
 */
final class TransferRetries {
  private final long initialMillis;
  private final long maxMillis;
  private final Map<String, Attempts> byTask = new HashMap<>();

  private record Attempts(long lastSentAt, int count) {}

  TransferRetries(Duration initial, Duration max) {
    this.initialMillis = initial.toMillis();
    this.maxMillis = max.toMillis();
  }

  /** True when {@code taskId}'s message should go out now; records the send. */
  boolean dueNow(String taskId, long now) {
    Attempts previous = byTask.get(taskId);
    if (previous != null && now < previous.lastSentAt() + backoff(previous.count())) {
      return false;
    }
    byTask.put(taskId, new Attempts(now, previous == null ? 1 : previous.count() + 1));
    return true;
  }

  void forget(String taskId) {
    byTask.remove(taskId);
  }

  private long backoff(int sentSoFar) {
    long delay = initialMillis << Math.min(sentSoFar - 1, 20);
    return Math.min(delay, maxMillis);
  }
}
