package io.cellwork.intelligence.guard;

/** Which model answered a guarded prediction, and why. */
public enum Source {
  /** The primary model, in service. */
  PRIMARY,
  /** The fallback, because the guard tripped on the primary's error. */
  FALLBACK_TRIPPED,
  /** The fallback, because a {@code model:<name>} kill switch forces it. */
  FALLBACK_FORCED,
  /** The fallback, because the task is in the random holdout slice served without the model. */
  HOLDOUT;

  /** Whether the primary's answer was used: outcomes of anything else are free of its influence. */
  public boolean primaryServed() {
    return this == PRIMARY;
  }

  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
