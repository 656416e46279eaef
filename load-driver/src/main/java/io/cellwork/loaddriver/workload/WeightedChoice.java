package io.cellwork.loaddriver.workload;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Picks one of a few options with given weights (a mix): cumulative weights and a binary search,
 * O(log n) per pick. Immutable, so thread-safe; the caller brings its own random source.
 */
public final class WeightedChoice<T> {
  private final List<T> options;
  private final double[] cumulative;

  public WeightedChoice(Map<T, Double> weights) {
    if (weights.isEmpty()) {
      throw new IllegalArgumentException("a mix needs at least one option");
    }
    this.options = new ArrayList<>(weights.keySet());
    this.cumulative = new double[options.size()];
    double total = 0;
    for (int i = 0; i < options.size(); i++) {
      double w = weights.get(options.get(i));
      if (!(w >= 0) || Double.isInfinite(w)) {
        throw new IllegalArgumentException("mix weight of " + options.get(i) + " must be a finite number >= 0, not " + w);
      }
      total += w;
      cumulative[i] = total;
    }
    if (total <= 0) {
      throw new IllegalArgumentException("a mix's weights must not all be 0");
    }
    for (int i = 0; i < cumulative.length; i++) {
      cumulative[i] /= total;
    }
  }

  public static <T> WeightedChoice<T> of(T only) {
    Map<T, Double> one = new LinkedHashMap<>();
    one.put(only, 1.0);
    return new WeightedChoice<>(one);
  }

  public T pick(RandomGenerator random) {
    double u = random.nextDouble();
    int low = 0;
    int high = cumulative.length - 1;
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (cumulative[mid] > u) {
        high = mid;
      } else {
        low = mid + 1;
      }
    }
    return options.get(low);
  }

  public List<T> options() {
    return options;
  }
}
