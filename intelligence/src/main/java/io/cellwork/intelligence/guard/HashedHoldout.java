package io.cellwork.intelligence.guard;

import java.util.function.Predicate;

/**
 * A task is in the holdout slice when a salted 64-bit mix of its id's hash falls in the lowest
 * {@code fraction} of the range: deterministic per task (a retried task stays in or out) and
 * uniform across ids. O(1), allocation-free (String caches its hash), thread-safe.
 */
public record HashedHoldout(double fraction, long salt) implements Predicate<String> {
  public HashedHoldout {
    if (!(fraction >= 0 && fraction < 1)) {
      throw new IllegalArgumentException("holdout fraction must be in [0, 1)");
    }
  }

  @Override
  public boolean test(String taskId) {
    long z = taskId.hashCode() * 0x9E3779B97F4A7C15L + salt;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    z = z ^ (z >>> 31);
    return (z >>> 11) * 0x1.0p-53 < fraction;
  }
}
