package io.cellwork.intelligence.cost;

import io.cellwork.intelligence.ScalarModel;
import java.util.Map;

/**
 * The fallback cost model: the task's declared millis when it declares any, else a per-kind
 * constant from configuration (else a default). It learns nothing, so it cannot drift, be fooled
 * by a feedback loop or break; it is only as good as what tasks declare. Immutable: safe for any
 * number of concurrent callers, no allocation.
 */
public final class DeclaredCostHeuristic implements ScalarModel<CostFeatures> {
  private final Map<String, Double> kindMillis;
  private final double defaultMillis;

  public DeclaredCostHeuristic(Map<String, Double> kindMillis, double defaultMillis) {
    if (!(defaultMillis >= 0)) {
      throw new IllegalArgumentException("default millis must be >= 0");
    }
    kindMillis.forEach((kind, millis) -> {
      if (!(millis >= 0)) {
        throw new IllegalArgumentException("millis of kind " + kind + " must be >= 0");
      }
    });
    this.kindMillis = Map.copyOf(kindMillis);
    this.defaultMillis = defaultMillis;
  }

  /** Only what tasks declare: 0 ms ("small") for a kind that declares nothing. */
  public static DeclaredCostHeuristic declaredOnly() {
    return new DeclaredCostHeuristic(Map.of(), 0);
  }

  public static DeclaredCostHeuristic create(TaskCostSettings settings) {
    return new DeclaredCostHeuristic(settings.heuristicKindMillis(), settings.heuristicDefaultMillis());
  }

  @Override
  public String name() {
    return "declared-cost";
  }

  @Override
  public String version() {
    return "heuristic-1";
  }

  @Override
  public double predictValue(CostFeatures features) {
    if (features.declaredMillis() > 0) {
      return features.declaredMillis();
    }
    Double perKind = kindMillis.get(features.kind());
    return perKind != null ? perKind : defaultMillis;
  }
}
