package io.cellwork.intelligence.ensemble;

import io.cellwork.intelligence.LearningModel;
import io.cellwork.intelligence.OnlineModel;
import io.cellwork.intelligence.ScalarModel;
import io.cellwork.intelligence.cost.CostFeatures;
import java.util.HashMap;
import java.util.Map;

/**
 * Task cost as an exponentially weighted mean per size class ({@link CostFeatures#sizeClass}), of
 * measured/declared time (or of the measured time when a kind declares none), like
 * {@code TaskCostModel} but with its learning rate
 * as a parameter: a high rate follows a change within a few tasks and is noisy, a low rate is
 * steady and slow. The ensemble holds one of each, so they disagree exactly when the world is
 * changing. Answers the declared time until a kind has {@code warmUp} outcomes.
 *
 * <p>O(1) per call. Not thread-safe: owned by one actor (like the cell's cost model); other
 * threads read its {@link #snapshot()}, an immutable per-size-class map.
 */
public final class EwmaRatioCost
    implements OnlineModel<CostFeatures, Double, Double>, LearningModel<CostFeatures> {
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
    return predictValue(features);
  }

  @Override
  public double predictValue(CostFeatures features) {
    double[] estimate = byKind.get(features.sizeClass());
    if (estimate == null || estimate[COUNT] < warmUp) {
      estimate = byKind.get(features.kind()); // a size class still unknown borrows its kind's ratio
    }
    return estimate == null
        ? features.declaredMillis()
        : estimate(features, estimate[RATIO], estimate[MILLIS], estimate[COUNT], warmUp);
  }

  private static double estimate(CostFeatures features, double ratio, double millis, double count, int warmUp) {
    if (count < warmUp) {
      return features.declaredMillis();
    }
    return features.declaredMillis() > 0 ? features.declaredMillis() * ratio : millis;
  }

  @Override
  public void learn(CostFeatures features, Double measuredMillis) {
    learn(features, measuredMillis.doubleValue());
  }

  /** Learns into the task's size class and into its whole kind (what an unknown size class borrows). */
  @Override
  public void learn(CostFeatures features, double measuredMillis) {
    learnInto(features.sizeClass(), features, measuredMillis);
    if (!features.sizeClass().equals(features.kind())) {
      learnInto(features.kind(), features, measuredMillis);
    }
  }

  private void learnInto(String key, CostFeatures features, double measuredMillis) {
    double[] estimate = byKind.computeIfAbsent(key, k -> new double[3]);
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

  /** Copies the per-size-class estimates (a handful of kinds: cheap) into an immutable model. */
  @Override
  public ScalarModel<CostFeatures> snapshot() {
    Map<String, Estimate> frozen = new HashMap<>(byKind.size() * 2);
    byKind.forEach((kind, e) -> frozen.put(kind, new Estimate(e[RATIO], e[MILLIS], e[COUNT])));
    return new Frozen(name, version(), warmUp, Map.copyOf(frozen));
  }

  private record Estimate(double ratio, double millis, double count) {}

  /** The member frozen: O(1) per call (one map lookup), no allocation, safe for any number of readers. */
  private static final class Frozen implements ScalarModel<CostFeatures> {
    private final String name;
    private final String version;
    private final int warmUp;
    private final Map<String, Estimate> byKind;

    Frozen(String name, String version, int warmUp, Map<String, Estimate> byKind) {
      this.name = name;
      this.version = version;
      this.warmUp = warmUp;
      this.byKind = byKind;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public String version() {
      return version;
    }

    @Override
    public double predictValue(CostFeatures features) {
      Estimate e = byKind.get(features.sizeClass());
      if (e == null || e.count() < warmUp) {
        e = byKind.get(features.kind());
      }
      return e == null ? features.declaredMillis() : estimate(features, e.ratio(), e.millis(), e.count(), warmUp);
    }
  }
}
