package io.cellwork.killswitch.replication;

import io.cellwork.killswitch.KillSwitch;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.pekko.cluster.ddata.Key;
import org.apache.pekko.cluster.ddata.LWWMap;
import org.apache.pekko.cluster.ddata.LWWMapKey;
import org.apache.pekko.cluster.ddata.SelfUniqueAddress;
import org.apache.pekko.cluster.ddata.typed.javadsl.Replicator;
import org.apache.pekko.cluster.ddata.typed.javadsl.ReplicatorMessageAdapter;

/**
 * The convergence view: each node notes, once, when it started enforcing each switch, and
 * withdraws its notes when the switch is gone, in a replicated map keyed {@code <switch>|<node>}
 * (not durable: rebuilt as nodes apply). Not thread-safe: owned by the registry actor.
 */
final class ConvergenceNotes {
  static final Key<LWWMap<String, String>> KEY = LWWMapKey.create("killswitch-applied");

  private final ReplicatorMessageAdapter<KillSwitchRegistry.Command, LWWMap<String, String>> replicator;
  private final SelfUniqueAddress self;
  private final String node;
  private final Clock clock;
  private final KillSwitchRegistry.Command ignored;
  /** Switches this node has noted as applied. */
  private final Set<String> notedHere = new HashSet<>();
  private Map<String, String> notes = Map.of();

  ConvergenceNotes(ReplicatorMessageAdapter<KillSwitchRegistry.Command, LWWMap<String, String>> replicator,
      SelfUniqueAddress self, String node, Clock clock, KillSwitchRegistry.Command ignored) {
    this.replicator = replicator;
    this.self = self;
    this.node = node;
    this.clock = clock;
    this.ignored = ignored;
  }

  /** Notes the newly enforced switches; withdraws notes of switches for which {@code gone} holds. */
  void enforcing(List<KillSwitch> active, Predicate<String> gone) {
    String now = clock.instant().toString();
    for (KillSwitch s : active) {
      if (notedHere.add(s.id())) {
        String key = s.id() + "|" + node;
        replicator.askUpdate(
            replyTo -> new Replicator.Update<>(KEY, LWWMap.create(), Replicator.writeLocal(), replyTo,
                map -> map.put(self, key, now)),
            response -> ignored);
      }
    }
    for (Iterator<String> ids = notedHere.iterator(); ids.hasNext(); ) {
      String id = ids.next();
      if (gone.test(id)) {
        ids.remove();
        String key = id + "|" + node;
        replicator.askUpdate(
            replyTo -> new Replicator.Update<>(KEY, LWWMap.create(), Replicator.writeLocal(), replyTo,
                map -> map.remove(self, key)),
            response -> ignored);
      }
    }
  }

  void replicated(Map<String, String> reported) {
    notes = reported;
  }

  /** Node to the instant it started enforcing the switch. */
  Map<String, String> appliedAt(String switchId) {
    Map<String, String> nodes = new HashMap<>();
    String prefix = switchId + "|";
    notes.forEach((key, at) -> {
      if (key.startsWith(prefix)) {
        nodes.put(key.substring(prefix.length()), at);
      }
    });
    return nodes;
  }
}
