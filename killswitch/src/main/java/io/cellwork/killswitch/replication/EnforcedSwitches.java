package io.cellwork.killswitch.replication;

import io.cellwork.killswitch.KillSwitch;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The switches a node enforces: the replicated set, plus engages and releases it learned of
 * before replication reported them back (its own, and those a peer pushed to it). Replication
 * reports can lag behind those: without this, a report from just before an engage would undo
 * it for a moment. Not thread-safe: owned by the registry actor.
 */
final class EnforcedSwitches {
  private Map<String, KillSwitch> replicated = Map.of();
  /** Engaged but not yet seen in a replication report, with when this node learned of it. */
  private final Map<String, Unconfirmed> engaged = new HashMap<>();
  /** Released but still in the last replication report. */
  private final Set<String> released = new HashSet<>();
  private Map<String, KillSwitch> current = Map.of();

  private record Unconfirmed(KillSwitch killSwitch, long learnedAt) {}

  Map<String, KillSwitch> current() {
    return current;
  }

  KillSwitch get(String id) {
    return current.get(id);
  }

  /** An engage this node made or was told of; ignored if the switch was already released. */
  void engaged(KillSwitch killSwitch, long now) {
    if (!released.contains(killSwitch.id()) && !replicated.containsKey(killSwitch.id())) {
      engaged.put(killSwitch.id(), new Unconfirmed(killSwitch, now));
      recompute();
    }
  }

  void released(String id) {
    engaged.remove(id);
    released.add(id);
    recompute();
  }

  /** A replication report: what it confirms is no longer pending. */
  void replicated(Map<String, KillSwitch> reported) {
    replicated = Map.copyOf(reported);
    engaged.keySet().removeIf(reported::containsKey);
    released.removeIf(id -> !reported.containsKey(id));
    recompute();
  }

  /**
   * Drops engages replication has not confirmed since {@code cutoff}: a peer's push whose write
   * never arrived (the peer died at once) must not be enforced here alone forever. Returns them.
   */
  List<KillSwitch> dropUnconfirmedSince(long cutoff) {
    List<KillSwitch> dropped = new ArrayList<>();
    engaged.values().removeIf(pending -> {
      boolean stale = pending.learnedAt() < cutoff;
      if (stale) {
        dropped.add(pending.killSwitch());
      }
      return stale;
    });
    if (!dropped.isEmpty()) {
      recompute();
    }
    return dropped;
  }

  private void recompute() {
    Map<String, KillSwitch> next = new HashMap<>(replicated);
    engaged.forEach((id, pending) -> next.put(id, pending.killSwitch()));
    next.keySet().removeAll(released);
    current = Map.copyOf(next);
  }
}
