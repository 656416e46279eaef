package io.cellwork.intelligence.cost;

import io.cellwork.intelligence.LearningModel;
import io.cellwork.intelligence.OnlineModel;
import java.util.HashMap;
import java.util.Map;

/**
 * Predicts a task's service time in milliseconds: the measured time from start to finish, not
 * the time it waited. Per size class (the kind and the declared time's power of two, see
 * {@link CostFeatures#sizeClass}) it keeps an exponentially weighted mean of the ratio between
 * measured and declared time (or of the measured time itself when a kind declares none), so it
 * learns both "sleep 10 takes 10.4 ms here" and "echo takes 0.01 ms" from the outcomes it is fed.
 * Before a size class has {@link #WARM_UP} outcomes it answers with the heuristic: the declared time.
 *
 * <p>O(1) per call. Not thread-safe: owned by one actor (the node's guard); other threads read
 * the immutable {@link #snapshot()} it publishes.
 */
public final class TaskCostModel
    implements OnlineModel<CostFeatures, Double, Double>, LearningModel<CostFeatures> {
  /** Outcomes per size class before the learned estimate replaces the heuristic. */
  static final int WARM_UP = 8;
  /** Weight of each new outcome in the mean: it follows a change within a few dozen tasks. */
  static final double LEARNING_RATE = 0.05;
  static final String NAME = "task-cost";
  static final String VERSION = "ewma-1";

  private final Map<String, KindEstimate> byKind = new HashMap<>();

  private static final class KindEstimate {
    double meanRatio;
    double meanMillis;
    long observations;
  }

  /** A kind's estimate, frozen. */
  record Estimate(double meanRatio, double meanMillis, long observations) {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String version() {
    return VERSION;
  }

  @Override
  public Double predict(CostFeatures features) {
    return predictMillis(features);
  }

  @Override
  public double predictValue(CostFeatures features) {
    return predictMillis(features);
  }

  /** The unboxed form of {@link #predict}. */
  public double predictMillis(CostFeatures features) {
    KindEstimate estimate = byKind.get(features.sizeClass());
    if (estimate == null || estimate.observations < WARM_UP) {
      estimate = byKind.get(features.kind()); // a size class still unknown borrows its kind's ratio
    }
    return estimate == null
        ? features.declaredMillis()
        : estimateMillis(features, estimate.meanRatio, estimate.meanMillis, estimate.observations);
  }

  static double estimateMillis(CostFeatures features, double meanRatio, double meanMillis, long observations) {
    if (observations < WARM_UP) {
      return features.declaredMillis();
    }
    return features.declaredMillis() > 0 ? features.declaredMillis() * meanRatio : meanMillis;
  }

  @Override
  public void learn(CostFeatures features, Double measuredMillis) {
    learnMillis(features, measuredMillis);
  }

  @Override
  public void learn(CostFeatures features, double measuredMillis) {
    learnMillis(features, measuredMillis);
  }

  /** Learns into the task's size class and into its whole kind (what an unknown size class borrows). */
  public void learnMillis(CostFeatures features, double measuredMillis) {
    learnInto(features.sizeClass(), features, measuredMillis);
    if (!features.sizeClass().equals(features.kind())) {
      learnInto(features.kind(), features, measuredMillis);
    }
  }

  private void learnInto(String key, CostFeatures features, double measuredMillis) {
    KindEstimate estimate = byKind.computeIfAbsent(key, k -> new KindEstimate());
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

  /** Copies the per-size-class estimates (a handful of kinds: cheap) into an immutable model. */
  @Override
  public TaskCostSnapshot snapshot() {
    Map<String, Estimate> frozen = new HashMap<>(byKind.size() * 2);
    byKind.forEach((kind, e) -> frozen.put(kind, new Estimate(e.meanRatio, e.meanMillis, e.observations)));
    return new TaskCostSnapshot(Map.copyOf(frozen));
  }
}
