package io.cellwork.intelligence.cost;

import io.cellwork.intelligence.OnlineModel;
import java.util.HashMap;
import java.util.Map;

/**
 * Predicts a task's service time in milliseconds: the measured time from start to finish, not
 * the time it waited. Per kind it keeps an exponentially weighted mean of the ratio between
 * measured and declared time (or of the measured time itself when a kind declares none), so it
 * learns both "sleep 10 takes 10.4 ms here" and "echo takes 0.01 ms" from the outcomes it is fed.
 * Before a kind has {@link #WARM_UP} outcomes it answers with the heuristic: the declared time.
 *
 * <p>O(1) per call. Not thread-safe: one instance per cell, owned by the cell actor.
 */
public final class TaskCostModel implements OnlineModel<CostFeatures, Double, Double> {
  /** Outcomes per kind before the learned estimate replaces the heuristic. */
  static final int WARM_UP = 8;
  /** Weight of each new outcome in the mean: it follows a change within a few dozen tasks. */
  static final double LEARNING_RATE = 0.05;

  private final Map<String, KindEstimate> byKind = new HashMap<>();

  private static final class KindEstimate {
    double meanRatio;
    double meanMillis;
    long observations;
  }

  @Override
  public String name() {
    return "task-cost";
  }

  @Override
  public String version() {
    return "ewma-1";
  }

  @Override
  public Double predict(CostFeatures features) {
    return predictMillis(features);
  }

  /** The unboxed form of {@link #predict}, for the hot path. */
  public double predictMillis(CostFeatures features) {
    KindEstimate estimate = byKind.get(features.kind());
    if (estimate == null || estimate.observations < WARM_UP) {
      return features.declaredMillis();
    }
    return features.declaredMillis() > 0
        ? features.declaredMillis() * estimate.meanRatio
        : estimate.meanMillis;
  }

  @Override
  public void learn(CostFeatures features, Double measuredMillis) {
    learnMillis(features, measuredMillis);
  }

  public void learnMillis(CostFeatures features, double measuredMillis) {
    KindEstimate estimate = byKind.computeIfAbsent(features.kind(), k -> new KindEstimate());
    double ratio = features.declaredMillis() > 0 ? measuredMillis / features.declaredMillis() : 1.0;
    if (estimate.observations == 0) {
      estimate.meanRatio = ratio;
      estimate.meanMillis = measuredMillis;
    } else {
      estimate.meanRatio += LEARNING_RATE * (ratio - estimate.meanRatio);
      estimate.meanMillis += LEARNING_RATE * (measuredMillis - estimate.meanMillis);
    }
    estimate.observations++;
  }
}
