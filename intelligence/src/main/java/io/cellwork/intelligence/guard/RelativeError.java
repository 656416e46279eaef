package io.cellwork.intelligence.guard;

/**
 * The loss a guard scores a numeric prediction with: {@code min(cap, |predicted - truth| /
 * max(truth, floor))}. Relative, so a 2 ms miss on a 1 s task is fine and on a 1 ms task is not;
 * floored, so near-zero truths do not explode it; capped, so the rolling mean is bounded and its
 * confidence bound meaningful.
 */
public record RelativeError(double floor, double cap) {
  public RelativeError {
    if (!(floor > 0) || !(cap > 0)) {
      throw new IllegalArgumentException("floor and cap must be positive");
    }
  }

  public double of(double predicted, double truth) {
    double error = Math.abs(predicted - truth) / Math.max(truth, floor);
    return Double.isNaN(error) ? cap : Math.min(cap, error);
  }
}
