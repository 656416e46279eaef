package io.cellwork.killswitch;

import java.util.Objects;

/**
 * An engaged kill switch.
 *
 * @param engagedAt wall-clock millis
 * @param ttlSeconds seconds until it releases itself, or {@link #NO_TTL}
 */
public record KillSwitch(
    String id, Scope scope, Mode mode, String reason, String operator, long engagedAt, long ttlSeconds)
    implements KillSwitchWire {

  public static final long NO_TTL = 0;

  public KillSwitch {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(operator, "operator");
    if (ttlSeconds < 0) {
      throw new IllegalArgumentException("ttlSeconds must not be negative");
    }
  }

  /** When it releases itself, or {@code Long.MAX_VALUE} without a TTL. */
  public long expiresAt() {
    return ttlSeconds == NO_TTL ? Long.MAX_VALUE : engagedAt + ttlSeconds * 1000;
  }

  public boolean isActiveAt(long nowMillis) {
    return nowMillis < expiresAt();
  }
}
