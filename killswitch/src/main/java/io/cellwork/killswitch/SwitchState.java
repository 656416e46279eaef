package io.cellwork.killswitch;

import java.util.Map;

/**
 * An engaged switch and the nodes known to enforce it (the convergence view).
 *
 * @param appliedAt node ({@code host:port}) to the instant (ISO-8601) it started enforcing the switch
 */
public record SwitchState(KillSwitch killSwitch, Map<String, String> appliedAt) {
  public SwitchState {
    appliedAt = Map.copyOf(appliedAt);
  }
}
