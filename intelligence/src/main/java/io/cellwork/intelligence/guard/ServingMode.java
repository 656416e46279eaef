package io.cellwork.intelligence.guard;

/** Who answers a guarded model's predictions now. */
public enum ServingMode {
  /** The primary (except for the holdout slice). */
  CLOSED,
  /** The fallback: the guard tripped. */
  TRIPPED,
  /** The fallback: a kill switch forces it, whatever the guard says. */
  FORCED;

  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
