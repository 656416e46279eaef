package io.cellwork.intelligence.ensemble;

import io.cellwork.intelligence.OnlineModel;
import io.cellwork.intelligence.cost.CostFeatures;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Task cost as the median, per kind, of the last {@code window} outcomes: of measured/declared
 * time when the task declares a duration, else of the measured time. A median over a window is
 * blind to outliers (one task stuck on a GC pause) and forgets the past completely after
 * {@code window} tasks, so it fails differently from the exponentially weighted members, which
 * is the point of putting it in an ensemble. Answers the declared time until a kind has
 * {@code window / 2} outcomes.
 *
 * <p>O(window log window) per prediction (a copy and a sort), O(1) per outcome, O(window) memory
 * per kind. Not thread-safe: owned by one actor.
 */
public final class WindowedMedianCost implements OnlineModel<CostFeatures, Double, Double> {
  private final int window;
  private final Map<String, Ring> byKind = new HashMap<>();

  public WindowedMedianCost(int window) {
    if (window < 1) {
      throw new IllegalArgumentException("window must be >= 1, was " + window);
    }
    this.window = window;
  }

  @Override
  public String name() {
    return "windowed-median";
  }

  @Override
  public String version() {
    return "median-" + window;
  }

  @Override
  public Double predict(CostFeatures features) {
    Ring ring = byKind.get(features.kind());
    boolean declared = features.declaredMillis() > 0;
    if (ring == null || ring.filled(declared) < Math.max(1, window / 2)) {
      return features.declaredMillis();
    }
    double median = ring.median(declared);
    return declared ? features.declaredMillis() * median : median;
  }

  @Override
  public void learn(CostFeatures features, Double measuredMillis) {
    Ring ring = byKind.computeIfAbsent(features.kind(), k -> new Ring(window));
    if (features.declaredMillis() > 0) {
      ring.ratios.add(measuredMillis / features.declaredMillis());
    } else {
      ring.millis.add(measuredMillis);
    }
  }

  /** Per kind: the last ratios (tasks that declare a duration) and the last times (those that don't). */
  private static final class Ring {
    final Values ratios;
    final Values millis;

    Ring(int window) {
      ratios = new Values(window);
      millis = new Values(window);
    }

    int filled(boolean declared) {
      return (declared ? ratios : millis).filled;
    }

    double median(boolean declared) {
      return (declared ? ratios : millis).median();
    }
  }

  private static final class Values {
    final double[] values;
    int next;
    int filled;

    Values(int window) {
      values = new double[window];
    }

    void add(double value) {
      values[next] = value;
      next = (next + 1) % values.length;
      filled = Math.min(filled + 1, values.length);
    }

    double median() {
      double[] sorted = Arrays.copyOf(values, filled);
      Arrays.sort(sorted);
      int mid = filled / 2;
      return filled % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
  }
}
