package io.cellwork.killswitch.replication;

import io.cellwork.killswitch.AuditEntry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.pekko.cluster.ddata.Key;
import org.apache.pekko.cluster.ddata.ORSet;
import org.apache.pekko.cluster.ddata.ORSetKey;
import org.apache.pekko.cluster.ddata.SelfUniqueAddress;
import org.apache.pekko.cluster.ddata.typed.javadsl.Replicator;
import org.apache.pekko.cluster.ddata.typed.javadsl.ReplicatorMessageAdapter;
import org.slf4j.Logger;

/**
 * The kill switches' audit: a replicated window of the most recent entries (all of it travels in
 * gossip, so it stays small) plus a log line per entry on the node that made it, the permanent
 * record. Not thread-safe: owned by the registry actor.
 */
final class AuditTrail {
  static final Key<ORSet<AuditEntry>> KEY = ORSetKey.create("killswitch-audit-log");

  private static final Comparator<AuditEntry> ORDER =
      Comparator.comparing(AuditEntry::at).thenComparing(AuditEntry::switchId).thenComparing(AuditEntry::action);

  private final ReplicatorMessageAdapter<KillSwitchRegistry.Command, ORSet<AuditEntry>> replicator;
  private final SelfUniqueAddress self;
  private final Replicator.WriteConsistency write;
  private final int retained;
  private final Logger log;
  private final KillSwitchRegistry.Command ignored;
  private List<AuditEntry> entries = List.of();

  AuditTrail(ReplicatorMessageAdapter<KillSwitchRegistry.Command, ORSet<AuditEntry>> replicator, SelfUniqueAddress self,
      Replicator.WriteConsistency write, int retained, Logger log, KillSwitchRegistry.Command ignored) {
    this.replicator = replicator;
    this.self = self;
    this.write = write;
    this.retained = retained;
    this.log = log;
    this.ignored = ignored;
  }

  void record(AuditEntry entry) {
    log.info("kill switch audit: {} {} {} mode {} by {} on {}: {}", entry.action(), entry.switchId(), entry.scope(),
        entry.mode(), entry.operator(), entry.node(), entry.reason());
    replicator.askUpdate(
        replyTo -> new Replicator.Update<>(KEY, ORSet.create(), write, replyTo, set -> set.add(self, entry)),
        response -> ignored);
  }

  /** Replication reported the entries; trims the oldest beyond the window (any node may, removals are idempotent). */
  void replicated(List<AuditEntry> reported) {
    entries = reported;
    int excess = entries.size() - retained;
    if (excess <= 0) {
      return;
    }
    List<AuditEntry> oldest = entries.stream().sorted(ORDER).limit(excess).toList();
    replicator.askUpdate(
        replyTo -> new Replicator.Update<>(KEY, ORSet.create(), Replicator.writeLocal(), replyTo, set -> {
          ORSet<AuditEntry> trimmed = set;
          for (AuditEntry entry : oldest) {
            trimmed = trimmed.remove(self, entry);
          }
          return trimmed;
        }),
        response -> ignored);
  }

  /** Oldest first. */
  List<AuditEntry> entries() {
    List<AuditEntry> sorted = new ArrayList<>(entries);
    sorted.sort(ORDER);
    return sorted;
  }

  boolean mentions(String switchId) {
    return entries.stream().anyMatch(entry -> entry.switchId().equals(switchId));
  }
}
