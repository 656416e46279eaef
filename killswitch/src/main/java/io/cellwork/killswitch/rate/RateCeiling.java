package io.cellwork.killswitch.rate;

import com.typesafe.config.Config;
import io.cellwork.killswitch.Mode;
import java.time.Duration;

/**
 * A ceiling on the rate of one kind of scope: {@code tenant:*} applies to every tenant on its
 * own, {@code tenant:acme} to one. Passing it engages a switch of {@code mode} on that scope for
 * {@code coolDown}; if the rate is still too high then, it engages again.
 */
public record RateCeiling(String scopePattern, double perSecond, Duration coolDown, Mode mode) {

  public RateCeiling {
    if (!(perSecond > 0)) {
      throw new IllegalArgumentException("per-second must be positive for " + scopePattern);
    }
  }

  public static RateCeiling fromConfig(Config ceiling) {
    return new RateCeiling(
        ceiling.getString("scope"),
        ceiling.getDouble("per-second"),
        ceiling.getDuration("cool-down"),
        Mode.fromWireName(ceiling.hasPath("mode") ? ceiling.getString("mode") : "reject_new")
            .orElseThrow(() -> new IllegalArgumentException("mode must be reject_new, drain or hard_stop")));
  }

  public static java.util.List<RateCeiling> listFromConfig(Config rate) {
    return rate.getConfigList("ceilings").stream().map(RateCeiling::fromConfig).toList();
  }

  public boolean covers(String scope) {
    return scopePattern.endsWith(":*")
        ? scope.startsWith(scopePattern.substring(0, scopePattern.length() - 1))
        : scope.equals(scopePattern);
  }
}
