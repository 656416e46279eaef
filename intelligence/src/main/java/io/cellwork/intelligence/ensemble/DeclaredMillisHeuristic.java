package io.cellwork.intelligence.ensemble;

import io.cellwork.intelligence.ScalarModel;
import io.cellwork.intelligence.cost.CostFeatures;

/**
 * The fallback: a task costs what it declares. Learns nothing, so it cannot be poisoned by bad
 * outcomes or a feedback loop; wrong by the machine's speed factor and for kinds that declare
 * nothing (it answers 0 ms: "small"). Stateless and thread-safe.
 */
public final class DeclaredMillisHeuristic implements ScalarModel<CostFeatures> {
  @Override
  public String name() {
    return "declared-millis";
  }

  @Override
  public String version() {
    return "heuristic-1";
  }

  @Override
  public double predictValue(CostFeatures features) {
    return features.declaredMillis();
  }
}
