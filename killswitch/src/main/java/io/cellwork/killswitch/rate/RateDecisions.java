package io.cellwork.killswitch.rate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which scopes have passed their ceiling and are not yet cooling down: the rate governor's
 * decision as a pure function of the measured rates, the ceilings and the clock. Remembers, per
 * scope, until when the last engagement lasts, so one overload engages one switch per cool-down.
 * Not thread-safe: owned by the governor actor.
 */
public final class RateDecisions {
  private final List<RateCeiling> ceilings;
  private final Map<String, Long> coolingUntil = new HashMap<>();

  /** A switch to engage: scope, why, under which ceiling. */
  public record Engagement(String scope, String reason, RateCeiling ceiling) {}

  public RateDecisions(List<RateCeiling> ceilings) {
    this.ceilings = List.copyOf(ceilings);
  }

  public List<Engagement> decide(Map<String, Double> ratesPerSecond, long nowMillis) {
    coolingUntil.values().removeIf(until -> until <= nowMillis);
    List<Engagement> engagements = new ArrayList<>();
    for (Map.Entry<String, Double> rate : ratesPerSecond.entrySet()) {
      String scope = rate.getKey();
      if (coolingUntil.containsKey(scope)) {
        continue;
      }
      for (RateCeiling ceiling : ceilings) {
        if (ceiling.covers(scope) && rate.getValue() > ceiling.perSecond()) {
          engagements.add(new Engagement(scope,
              String.format("rate %.0f/s > %.0f/s", rate.getValue(), ceiling.perSecond()), ceiling));
          coolingUntil.put(scope, nowMillis + ceiling.coolDown().toMillis());
          break;
        }
      }
    }
    return engagements;
  }
}
