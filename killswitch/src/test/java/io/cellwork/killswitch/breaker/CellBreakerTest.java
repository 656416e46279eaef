package io.cellwork.killswitch.breaker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cellwork.killswitch.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CellBreakerTest {
  private static final BreakerSettings SETTINGS =
      new BreakerSettings(50, 80, Duration.ofMillis(100), 10, 5, Duration.ofSeconds(5), 2);
  private static final long FAST = Duration.ofMillis(1).toNanos();

  private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final List<String> transitions = new ArrayList<>();
  private final CellBreaker breaker =
      new CellBreaker("cell-7", SETTINGS, clock, t -> transitions.add(t.from() + "->" + t.to()));

  @Test
  void opensWhenTheFailureRatePassesTheThreshold() {
    for (int i = 0; i < 4; i++) {
      call(true);
    }
    assertEquals(List.of(), transitions, "below the minimum number of calls nothing is decided");
    call(false);
    call(false);
    call(false);
    call(false); // 4 failed of 8: 50%
    assertEquals(List.of("closed->open"), transitions);
    assertFalse(breaker.tryAcquire(), "open: no work starts");
    assertEquals("open", breaker.status().state());
  }

  @Test
  void probesHalfOpenAfterTheWaitAndClosesWhenProbesPass() {
    tripOpen();
    clock.advance(Duration.ofSeconds(4));
    breaker.poll();
    assertEquals("open", breaker.status().state(), "still waiting");
    clock.advance(Duration.ofMillis(1_001));
    breaker.poll();
    assertEquals(List.of("closed->open", "open->half_open"), transitions);
    call(true);
    call(true);
    assertEquals(List.of("closed->open", "open->half_open", "half_open->closed"), transitions);
  }

  @Test
  void aFailedProbeOpensItAgain() {
    tripOpen();
    clock.advance(Duration.ofMillis(5_001));
    breaker.poll();
    call(false);
    call(false);
    assertEquals("open", breaker.status().state());
    assertEquals(List.of("closed->open", "open->half_open", "half_open->open"), transitions);
  }

  @Test
  void slowCallsOpenItToo() {
    for (int i = 0; i < 5; i++) {
      assertTrue(breaker.tryAcquire());
      breaker.succeeded(Duration.ofMillis(500).toNanos());
    }
    assertEquals("open", breaker.status().state());
    assertEquals(100f, breaker.status().slowCallRate());
  }

  @Test
  void operatorsCanForceItOpenAndCloseIt() {
    breaker.forceOpen();
    assertTrue(breaker.isOpen());
    clock.advance(Duration.ofMinutes(10));
    breaker.poll();
    assertEquals("forced_open", breaker.status().state(), "a forced breaker never probes by itself");
    breaker.close();
    assertFalse(breaker.isOpen());
    assertTrue(breaker.tryAcquire());
  }

  private void tripOpen() {
    for (int i = 0; i < 5; i++) {
      call(false);
    }
    assertEquals("open", breaker.status().state());
  }

  private void call(boolean succeeds) {
    assertTrue(breaker.tryAcquire());
    if (succeeds) {
      breaker.succeeded(FAST);
    } else {
      breaker.failed(FAST, "boom");
    }
  }
}
