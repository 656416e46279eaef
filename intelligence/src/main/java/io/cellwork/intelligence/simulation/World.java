package io.cellwork.intelligence.simulation;

/**
 * The synthetic truth: task costs and how good the model is. True service times are log-normal,
 * {@code median · exp(costSpread · z)}; the model predicts {@code cost · exp(modelBias +
 * modelNoise · z')} (unbiased with noise on the log scale); once broken it predicts
 * {@code cost · exp(brokenNoise · z'')}.
 *
 * @param medianCostMillis median true service time
 * @param costSpread standard deviation of the log of the true service time
 * @param modelNoise standard deviation of the model's log error while it works
 * @param modelBias mean of the model's log error (0: unbiased; 0.2: predicts ~22% high)
 * @param brokenNoise standard deviation of the model's log error once broken
 */
public record World(
    double medianCostMillis, double costSpread, double modelNoise, double modelBias, double brokenNoise) {

  public World {
    if (!(medianCostMillis > 0) || !(costSpread >= 0) || !(modelNoise >= 0) || !(brokenNoise >= 0)
        || !Double.isFinite(modelBias)) {
      throw new IllegalArgumentException("invalid world " + this);
    }
  }

  /**
   * Costs spread over an order of magnitude (20 ms median, log sd 0.8) and a good model (log
   * noise 0.15, ~12% mean relative error): the model correlates ~0.98 with the outcomes.
   */
  public static World defaults() {
    return new World(20.0, 0.8, 0.15, 0.0, 1.0);
  }

  /**
   * Costs within ±10% (one task kind; log sd 0.1) and a useful but noisy model (log noise 0.2,
   * ~16% mean relative error, well inside the guard's threshold): it correlates only ~0.45 with
   * the outcomes, because there is little spread to explain.
   */
  public static World narrowCosts() {
    return new World(20.0, 0.1, 0.2, 0.0, 1.0);
  }
}
