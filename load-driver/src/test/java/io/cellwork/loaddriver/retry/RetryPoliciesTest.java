package io.cellwork.loaddriver.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalLong;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RetryPoliciesTest {
  @Test
  void immediateRetryRetriesAtOnceThenGivesUp() {
    ImmediateRetry policy = new ImmediateRetry(2);
    assertEquals(OptionalLong.of(0), policy.delayBeforeRetry(1));
    assertEquals(OptionalLong.of(0), policy.delayBeforeRetry(2));
    assertEquals(OptionalLong.empty(), policy.delayBeforeRetry(3));
    assertEquals(OptionalLong.empty(), new ImmediateRetry(0).delayBeforeRetry(1));
  }

  @Test
  void fullJitterStaysWithinTheExponentialCeilingAndTheCap() {
    FullJitterBackoff policy = new FullJitterBackoff(100, 2_000, 8, new SplittableRandom(42));
    for (int attempt = 1; attempt <= 8; attempt++) {
      long ceiling = Math.min(2_000, 100L << attempt);
      assertEquals(ceiling, policy.ceilingMillis(attempt));
      long max = 0;
      long min = Long.MAX_VALUE;
      for (int i = 0; i < 2_000; i++) {
        long delay = policy.delayBeforeRetry(attempt).orElseThrow();
        assertTrue(delay >= 0 && delay <= ceiling, "attempt " + attempt + " delay " + delay);
        max = Math.max(max, delay);
        min = Math.min(min, delay);
      }
      // Full jitter spreads over the whole window, not just near its top.
      assertTrue(max > ceiling * 0.9 && min < ceiling * 0.1, "attempt " + attempt + ": " + min + ".." + max);
    }
    assertEquals(OptionalLong.empty(), policy.delayBeforeRetry(9));
  }

  @Test
  void fullJitterCeilingDoesNotOverflow() {
    FullJitterBackoff policy = new FullJitterBackoff(1_000, 30_000, Integer.MAX_VALUE, new SplittableRandom(1));
    assertEquals(30_000, policy.ceilingMillis(70));
    assertEquals(30_000, policy.ceilingMillis(Integer.MAX_VALUE));
    assertTrue(policy.delayBeforeRetry(1_000).orElseThrow() <= 30_000);
  }

  @Test
  void invalidSettingsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new FullJitterBackoff(0, 10, 1, new SplittableRandom()));
    assertThrows(IllegalArgumentException.class, () -> new FullJitterBackoff(10, 5, 1, new SplittableRandom()));
    assertThrows(IllegalArgumentException.class, () -> new ImmediateRetry(-1));
  }
}
