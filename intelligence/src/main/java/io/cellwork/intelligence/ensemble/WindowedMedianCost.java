package io.cellwork.intelligence.ensemble;

import io.cellwork.intelligence.LearningModel;
import io.cellwork.intelligence.OnlineModel;
import io.cellwork.intelligence.ScalarModel;
import io.cellwork.intelligence.cost.CostFeatures;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Task cost as the median, per size class ({@link CostFeatures#sizeClass}), of the last
 * {@code window} outcomes: of measured/declared time when the task declares a duration, else of
 * the measured time. A median over a window is
 * blind to outliers (one task stuck on a GC pause) and forgets the past completely after
 * {@code window} tasks, so it fails differently from the exponentially weighted members, which
 * is the point of putting it in an ensemble. Answers the declared time until a kind has
 * {@code window / 2} outcomes.
 *
 * <p>O(window log window) per prediction (a copy and a sort), O(1) per outcome, O(window) memory
 * per size class. Not thread-safe: owned by one actor. Its {@link #snapshot()} computes each size
 * class's medians once, at publish time, so a reader pays one map lookup, not a sort.
 */
public final class WindowedMedianCost
    implements OnlineModel<CostFeatures, Double, Double>, LearningModel<CostFeatures> {
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
    return predictValue(features);
  }

  @Override
  public double predictValue(CostFeatures features) {
    Ring ring = byKind.get(features.sizeClass());
    boolean declared = features.declaredMillis() > 0;
    if (ring == null || ring.filled(declared) < Math.max(1, window / 2)) {
      return features.declaredMillis();
    }
    double median = ring.median(declared);
    return declared ? features.declaredMillis() * median : median;
  }

  @Override
  public void learn(CostFeatures features, Double measuredMillis) {
    learn(features, measuredMillis.doubleValue());
  }

  @Override
  public void learn(CostFeatures features, double measuredMillis) {
    Ring ring = byKind.computeIfAbsent(features.sizeClass(), k -> new Ring(window));
    if (features.declaredMillis() > 0) {
      ring.ratios.add(measuredMillis / features.declaredMillis());
    } else {
      ring.millis.add(measuredMillis);
    }
  }

  /** Each kind's medians, computed now (NaN where too few outcomes): an immutable model. */
  @Override
  public ScalarModel<CostFeatures> snapshot() {
    int enough = Math.max(1, window / 2);
    Map<String, Medians> frozen = new HashMap<>(byKind.size() * 2);
    byKind.forEach((kind, ring) -> frozen.put(kind, new Medians(
        ring.ratios.filled >= enough ? ring.ratios.median() : Double.NaN,
        ring.millis.filled >= enough ? ring.millis.median() : Double.NaN)));
    return new Frozen(version(), Map.copyOf(frozen));
  }

  /** A kind's medians of measured/declared and of measured time; NaN = not enough outcomes yet. */
  private record Medians(double ratio, double millis) {}

  /** The member frozen: one map lookup per call, no allocation, safe for any number of readers. */
  private static final class Frozen implements ScalarModel<CostFeatures> {
    private final String version;
    private final Map<String, Medians> byKind;

    Frozen(String version, Map<String, Medians> byKind) {
      this.version = version;
      this.byKind = byKind;
    }

    @Override
    public String name() {
      return "windowed-median";
    }

    @Override
    public String version() {
      return version;
    }

    @Override
    public double predictValue(CostFeatures features) {
      Medians m = byKind.get(features.sizeClass());
      double declared = features.declaredMillis();
      if (m == null) {
        return declared;
      }
      if (declared > 0) {
        return Double.isNaN(m.ratio()) ? declared : declared * m.ratio();
      }
      return Double.isNaN(m.millis()) ? declared : m.millis();
    }
  }

  /** Per size class: the last ratios (tasks that declare a duration) and the last times (those that don't). */
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
