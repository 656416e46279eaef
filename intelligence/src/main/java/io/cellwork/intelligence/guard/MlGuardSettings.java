package io.cellwork.intelligence.guard;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.cellwork.intelligence.feedback.FeedbackSettings;
import java.time.Duration;

/**
 * {@code cellwork.intelligence}: everything a guard actor needs besides its model.
 *
 * @param guard when the error guard trips and closes
 * @param recentTransitions transitions kept in memory for the API
 * @param publishInterval how often the status and the primary's snapshot are republished, and
 *     kill switches re-checked (for TTL expiry)
 * @param snapshotEveryLearns the primary's snapshot is republished after this many learned
 *     outcomes (and on every publish tick)
 * @param tripOnFeedbackAlarm whether a feedback-loop alarm also forces the fallback
 * @param feedback the holdout slice and the feedback-loop test
 * @param errorDriftDelta Page-Hinkley tolerance on the error stream
 * @param errorDriftThreshold Page-Hinkley alarm threshold on the error stream
 * @param featureReferenceSize KS reference sample of the monitored input
 * @param featureWindowSize KS test block of the monitored input
 * @param featureAlpha overall false-alarm budget of the input drift test
 * @param errorFlagOutcomes an error-drift detection is reported as current for this many outcomes
 * @param outcomeLogSize the most recent outcomes kept, with their arm's propensity, for the API
 * @param memberErrorWeight weight of one outcome in an ensemble member's mean error
 */
public record MlGuardSettings(
    GuardSettings guard,
    int recentTransitions,
    Duration publishInterval,
    int snapshotEveryLearns,
    boolean tripOnFeedbackAlarm,
    FeedbackSettings feedback,
    double errorDriftDelta,
    double errorDriftThreshold,
    int featureReferenceSize,
    int featureWindowSize,
    double featureAlpha,
    int errorFlagOutcomes,
    int outcomeLogSize,
    double memberErrorWeight) {

  public static final String PATH = "cellwork.intelligence";

  public MlGuardSettings {
    if (recentTransitions < 1 || snapshotEveryLearns < 1) {
      throw new IllegalArgumentException("recent-transitions and snapshot-every-learns must be at least 1");
    }
    if (publishInterval.isNegative() || publishInterval.isZero()) {
      throw new IllegalArgumentException("publish-interval must be positive");
    }
    if (!(memberErrorWeight > 0 && memberErrorWeight <= 1)) {
      throw new IllegalArgumentException("guard-actor.member-error-weight must be in (0, 1]");
    }
    if (outcomeLogSize < 1) {
      throw new IllegalArgumentException("guard-actor.outcome-log-size must be at least 1");
    }
    if (errorFlagOutcomes < 1) {
      throw new IllegalArgumentException("drift.error-flag-outcomes must be at least 1");
    }
  }

  public static MlGuardSettings create(Config config) {
    Config full = config.withFallback(ConfigFactory.defaultReference());
    Config c = full.getConfig(PATH);
    return new MlGuardSettings(
        GuardSettings.create(full),
        c.getInt("guard-actor.recent-transitions"),
        c.getDuration("guard-actor.publish-interval"),
        c.getInt("guard-actor.snapshot-every-learns"),
        c.getBoolean("guard-actor.trip-on-feedback-alarm"),
        FeedbackSettings.create(full),
        c.getDouble("guard-actor.drift.error.delta"),
        c.getDouble("guard-actor.drift.error.threshold"),
        c.getInt("guard-actor.drift.feature.reference-size"),
        c.getInt("guard-actor.drift.feature.window-size"),
        c.getDouble("guard-actor.drift.feature.alpha"),
        c.getInt("guard-actor.drift.error-flag-outcomes"),
        c.getInt("guard-actor.outcome-log-size"),
        c.getDouble("guard-actor.member-error-weight"));
  }

  public static MlGuardSettings defaults() {
    return create(ConfigFactory.defaultReference());
  }
}
