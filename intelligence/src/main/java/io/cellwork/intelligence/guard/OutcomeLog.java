package io.cellwork.intelligence.guard;

import java.util.ArrayList;
import java.util.List;

/**
 * The guard's log of its most recent outcomes, each with the arm the task was served in and that
 * arm's propensity (the probability the assignment had of putting it there). Logged propensities
 * are what make the outcomes usable afterwards for off-policy questions ("what would the holdout
 * policy have cost on all traffic?", inverse-propensity weighting) without rerunning anything.
 *
 * <p>A fixed ring: O(1) per outcome, no allocation after the entries themselves; {@link #latest}
 * copies. Not thread-safe: owned by the guard actor, read through published copies.
 */
final class OutcomeLog {
  private final LoggedOutcome[] ring;
  private long written;

  OutcomeLog(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("the outcome log holds at least 1 outcome, got " + capacity);
    }
    this.ring = new LoggedOutcome[capacity];
  }

  void add(LoggedOutcome outcome) {
    ring[(int) (written++ % ring.length)] = outcome;
  }

  /** Up to {@code limit} most recent outcomes, oldest first. */
  List<LoggedOutcome> latest(int limit) {
    int count = (int) Math.min(Math.min(limit, ring.length), written);
    List<LoggedOutcome> out = new ArrayList<>(count);
    for (long i = written - count; i < written; i++) {
      out.add(ring[(int) (i % ring.length)]);
    }
    return List.copyOf(out);
  }
}
