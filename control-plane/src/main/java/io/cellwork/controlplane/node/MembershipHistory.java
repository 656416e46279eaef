package io.cellwork.controlplane.node;

import io.cellwork.cells.cluster.NodeAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Subscribe;

/**
 * What this node saw of the cluster's membership, newest last: members joining, becoming
 * unreachable or reachable again, downed (the Split Brain Resolver's decisions show up here) and
 * removed, and leader changes. One watcher actor writes whole new lists; readers take the
 * current one with a volatile read.
 */
public final class MembershipHistory {

  /** One change. {@code at} is ISO-8601. */
  public record Change(String at, String change, String member) {}

  private final int capacity;
  private volatile List<Change> changes = List.of();

  public MembershipHistory(int capacity) {
    this.capacity = capacity;
  }

  public List<Change> changes() {
    return changes;
  }

  private void record(String change, String member) {
    List<Change> next = new ArrayList<>(changes);
    next.add(new Change(Instant.now().toString(), change, member));
    if (next.size() > capacity) {
      next.subList(0, next.size() - capacity).clear();
    }
    changes = List.copyOf(next);
  }

  /** The actor that subscribes to the cluster's events and records them here. */
  public Behavior<ClusterEvent.ClusterDomainEvent> watcher() {
    return Behaviors.setup(ctx -> {
      Cluster cluster = Cluster.get(ctx.getSystem());
      cluster.subscriptions().tell(Subscribe.create(ctx.getSelf().narrow(), ClusterEvent.MemberEvent.class));
      cluster.subscriptions().tell(Subscribe.create(ctx.getSelf().narrow(), ClusterEvent.ReachabilityEvent.class));
      cluster.subscriptions().tell(Subscribe.create(ctx.getSelf().narrow(), ClusterEvent.LeaderChanged.class));
      return Behaviors.receiveMessage(event -> {
        describe(event);
        return Behaviors.same();
      });
    });
  }

  private void describe(ClusterEvent.ClusterDomainEvent event) {
    if (event instanceof ClusterEvent.MemberUp e) {
      record("up", NodeAddress.of(e.member().address()));
    } else if (event instanceof ClusterEvent.MemberDowned e) {
      record("downed", NodeAddress.of(e.member().address()));
    } else if (event instanceof ClusterEvent.MemberLeft e) {
      record("leaving", NodeAddress.of(e.member().address()));
    } else if (event instanceof ClusterEvent.MemberRemoved e) {
      record("removed", NodeAddress.of(e.member().address()));
    } else if (event instanceof ClusterEvent.UnreachableMember e) {
      record("unreachable", NodeAddress.of(e.member().address()));
    } else if (event instanceof ClusterEvent.ReachableMember e) {
      record("reachable", NodeAddress.of(e.member().address()));
    } else if (event instanceof ClusterEvent.LeaderChanged e) {
      record("leader", e.getLeader() == null ? "none" : NodeAddress.of(e.getLeader()));
    }
  }
}
