package io.cellwork.intelligence.feedback;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;

/**
 * Settings of the holdout slice and the feedback-loop test; the defaults are those of
 * {@code cellwork.intelligence.feedback} in reference.conf. Validated on
 * construction.
 *
 * @param holdoutFraction share of tasks served without the model (the holdout slice)
 * @param holdoutSalt salt of the holdout hash; a new salt draws an independent slice
 * @param alpha overall false-alarm bound of the feedback test, shared (Bonferroni) between the
 *     outcome and the model-error comparisons; holds under continuous monitoring
 * @param minSamplesPerArm samples each arm needs before a p-value is computed (plug-in variances)
 * @param mixtureScale standard deviation of the mixing prior over the difference in means, in
 *     pooled standard deviations: the effect size the test is tuned to
 */
public record FeedbackSettings(
    double holdoutFraction,
    long holdoutSalt,
    double alpha,
    long minSamplesPerArm,
    double mixtureScale) {

  public static final String PATH = "cellwork.intelligence.feedback";

  public FeedbackSettings {
    if (!(holdoutFraction > 0 && holdoutFraction < 1)) {
      throw new IllegalArgumentException("holdout-fraction must be in (0, 1), was " + holdoutFraction);
    }
    if (!(alpha > 0 && alpha < 1)) {
      throw new IllegalArgumentException("alpha must be in (0, 1), was " + alpha);
    }
    if (minSamplesPerArm < 2) {
      throw new IllegalArgumentException("min-samples-per-arm must be >= 2, was " + minSamplesPerArm);
    }
    if (!(mixtureScale > 0)) {
      throw new IllegalArgumentException("mixture-scale must be > 0, was " + mixtureScale);
    }
  }

  /** Reads {@value #PATH} from a full configuration (falling back to the reference.conf). */
  public static FeedbackSettings create(Config config) {
    Config feedback = config.withFallback(ConfigFactory.defaultReference()).getConfig(PATH);
    return new FeedbackSettings(
        feedback.getDouble("holdout-fraction"),
        feedback.getLong("holdout-salt"),
        feedback.getDouble("alpha"),
        feedback.getLong("min-samples-per-arm"),
        feedback.getDouble("mixture-scale"));
  }

  /** The values of this module's reference.conf. */
  public static FeedbackSettings defaults() {
    return create(ConfigFactory.defaultReference());
  }

  public FeedbackSettings withHoldoutFraction(double fraction) {
    return new FeedbackSettings(fraction, holdoutSalt, alpha, minSamplesPerArm, mixtureScale);
  }

  public FeedbackSettings withAlpha(double newAlpha) {
    return new FeedbackSettings(holdoutFraction, holdoutSalt, newAlpha, minSamplesPerArm, mixtureScale);
  }

  /** The slice these settings describe. */
  public HoldoutSlice holdoutSlice() {
    return new HoldoutSlice(holdoutFraction, holdoutSalt);
  }
}
