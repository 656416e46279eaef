package io.cellwork.intelligence.guard;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;

/**
 * {@code cellwork.intelligence.guard}: when a {@link ModelGuard} trips to the fallback and when it
 * closes again. Validated on construction, so a guard never runs with thresholds that contradict
 * each other.
 *
 * @param windowSize outcomes in the rolling window
 * @param minSamples outcomes needed before any decision
 * @param tripThreshold trip when the lower bound of the mean error is above this
 * @param recoverThreshold close when the upper bound of the mean error is below this
 * @param confidenceZ z of the one-sided normal bound
 * @param minShadowOutcomes shadow outcomes needed after a trip before closing
 */
public record GuardSettings(
    int windowSize,
    int minSamples,
    double tripThreshold,
    double recoverThreshold,
    double confidenceZ,
    int minShadowOutcomes) {

  public static final String PATH = "cellwork.intelligence.guard";

  public GuardSettings {
    require(windowSize >= 2, "window-size must be at least 2");
    require(minSamples >= 2 && minSamples <= windowSize,
        "min-samples must be between 2 and window-size");
    require(tripThreshold > 0, "trip-threshold must be positive");
    require(recoverThreshold >= 0 && recoverThreshold < tripThreshold,
        "recover-threshold must be at least 0 and below trip-threshold (hysteresis)");
    require(confidenceZ >= 0 && Double.isFinite(confidenceZ), "confidence-z must be finite and >= 0");
    require(minShadowOutcomes >= 0, "min-shadow-outcomes must not be negative");
  }

  /** Reads {@value #PATH} from a full configuration (falling back to the reference.conf). */
  public static GuardSettings create(Config config) {
    Config guard = config.withFallback(ConfigFactory.defaultReference()).getConfig(PATH);
    return new GuardSettings(
        guard.getInt("window-size"),
        guard.getInt("min-samples"),
        guard.getDouble("trip-threshold"),
        guard.getDouble("recover-threshold"),
        guard.getDouble("confidence-z"),
        guard.getInt("min-shadow-outcomes"));
  }

  /** The values of this module's reference.conf. */
  public static GuardSettings defaults() {
    return create(ConfigFactory.defaultReference());
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }
}
