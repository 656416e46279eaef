package io.cellwork.killswitch.rate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cellwork.killswitch.Mode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RateDecisionsTest {
  private final RateCeiling everyTenant = new RateCeiling("tenant:*", 5000, Duration.ofSeconds(30), Mode.REJECT_NEW);
  private final RateCeiling oneAutomation = new RateCeiling("automation:pinning", 2, Duration.ofSeconds(60), Mode.HARD_STOP);

  @Test
  void aScopePastItsCeilingEngagesOnceWithTheRateAsReason() {
    RateDecisions decisions = new RateDecisions(List.of(everyTenant));
    List<RateDecisions.Engagement> engaged =
        decisions.decide(Map.of("tenant:acme", 5400.0, "tenant:globex", 4900.0), 0);
    assertEquals(1, engaged.size());
    assertEquals("tenant:acme", engaged.get(0).scope());
    assertEquals("rate 5400/s > 5000/s", engaged.get(0).reason());
  }

  @Test
  void coolsDownBeforeEngagingTheSameScopeAgain() {
    RateDecisions decisions = new RateDecisions(List.of(everyTenant));
    assertEquals(1, decisions.decide(Map.of("tenant:acme", 9000.0), 0).size());
    assertTrue(decisions.decide(Map.of("tenant:acme", 9000.0), 29_999).isEmpty(), "still cooling down");
    assertEquals(1, decisions.decide(Map.of("tenant:acme", 9000.0), 30_000).size(), "still too fast: again");
    assertTrue(decisions.decide(Map.of("tenant:acme", 100.0), 60_000).isEmpty(), "calm again: nothing");
  }

  @Test
  void ceilingsMatchEveryScopeOfATypeOrOneScope() {
    assertTrue(everyTenant.covers("tenant:anyone"));
    assertFalse(everyTenant.covers("kind:tenant"));
    assertTrue(oneAutomation.covers("automation:pinning"));
    assertFalse(oneAutomation.covers("automation:retries"));
    RateDecisions decisions = new RateDecisions(List.of(everyTenant, oneAutomation));
    List<RateDecisions.Engagement> engaged = decisions.decide(Map.of("automation:pinning", 3.0), 0);
    assertEquals(Mode.HARD_STOP, engaged.get(0).ceiling().mode());
  }

  @Test
  void theMeterCountsPerScopeAndStartsAfreshAfterEachDrain() {
    RateMeter meter = new RateMeter();
    for (int i = 0; i < 3; i++) {
      meter.record("tenant:a");
    }
    meter.record("tenant:b");
    assertEquals(Map.of("tenant:a", 3L, "tenant:b", 1L), meter.drain());
    assertEquals(Map.of(), meter.drain());
  }
}
