package io.cellwork.intelligence.guard;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
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
 * @param holdoutFraction the share of tasks served without the model
 * @param holdoutSalt salt of the holdout hash, so different deployments hold out different tasks
 */
public record MlGuardSettings(
    GuardSettings guard,
    int recentTransitions,
    Duration publishInterval,
    int snapshotEveryLearns,
    boolean tripOnFeedbackAlarm,
    double holdoutFraction,
    long holdoutSalt) {

  public static final String PATH = "cellwork.intelligence";

  public MlGuardSettings {
    if (recentTransitions < 1 || snapshotEveryLearns < 1) {
      throw new IllegalArgumentException("recent-transitions and snapshot-every-learns must be at least 1");
    }
    if (publishInterval.isNegative() || publishInterval.isZero()) {
      throw new IllegalArgumentException("publish-interval must be positive");
    }
    if (!(holdoutFraction >= 0 && holdoutFraction < 1)) {
      throw new IllegalArgumentException("holdout.fraction must be in [0, 1)");
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
        c.getDouble("holdout.fraction"),
        c.getLong("holdout.salt"));
  }

  public static MlGuardSettings defaults() {
    return create(ConfigFactory.defaultReference());
  }
}
