package io.cellwork.intelligence.ensemble;

import io.cellwork.intelligence.OnlineModel;
import io.cellwork.intelligence.cost.CostFeatures;
import java.util.HashMap;
import java.util.Map;

/**
 * Task cost as an exponentially weighted mean per kind, of measured/declared time (or of the
 * measured time when a kind declares none), like {@code TaskCostModel} but with its learning rate
 * as a parameter: a high rate follows a change within a few tasks and is noisy, a low rate is
 * steady and slow. The ensemble holds one of each, so they disagree exactly when the world is
 * changing. Answers the declared time until a kind has {@code warmUp} outcomes.
 *
 * <p>O(1) per call. Not thread-safe: owned by one actor (like the cell's cost model).
 */
public final class EwmaRatioCost implements OnlineModel<CostFeatures, Double, Double> {
  private final String name;
  private final double learningRate;
  private final int warmUp;
  private final Map<String, double[]> byKind = new HashMap<>();

  private static final int RATIO = 0;
  private static final int MILLIS = 1;
  private static final int COUNT = 2;

  public EwmaRatioCost(String name, double learningRate, int warmUp) {
    if (!(learningRate > 0 && learningRate <= 1)) {
      throw new IllegalArgumentException("learning rate must be in (0, 1], was " + learningRate);
    }
    this.name = name;
    this.learningRate = learningRate;
    this.warmUp = warmUp;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String version() {
    return "ewma-" + learningRate;
  }

  @Override
  public Double predict(CostFeatures features) {
    double[] estimate = byKind.get(features.kind());
    if (estimate == null || estimate[COUNT] < warmUp) {
      return features.declaredMillis();
    }
    return features.declaredMillis() > 0 ? features.declaredMillis() * estimate[RATIO] : estimate[MILLIS];
  }

  @Override
  public void learn(CostFeatures features, Double measuredMillis) {
    double[] estimate = byKind.computeIfAbsent(features.kind(), k -> new double[3]);
    double ratio = features.declaredMillis() > 0 ? measuredMillis / features.declaredMillis() : 1.0;
    if (estimate[COUNT] == 0) {
      estimate[RATIO] = ratio;
      estimate[MILLIS] = measuredMillis;
    } else {
      estimate[RATIO] += learningRate * (ratio - estimate[RATIO]);
      estimate[MILLIS] += learningRate * (measuredMillis - estimate[MILLIS]);
    }
    estimate[COUNT]++;
  }
}
