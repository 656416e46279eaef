package io.cellwork.controlplane.http;

import io.cellwork.cells.cluster.NodeAddress;
import io.cellwork.controlplane.node.MembershipHistory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.typed.Cluster;

/**
 * The cluster as this node sees it, as a JSON-ready document for {@code GET /v1/cluster}:
 * members with status, roles and reachability, the leader, and the recent membership changes
 * (including the Split Brain Resolver's downing decisions).
 */
final class ClusterView {
  private ClusterView() {}

  static Map<String, Object> of(Cluster cluster, MembershipHistory history) {
    ClusterEvent.CurrentClusterState state = cluster.state();
    Set<Member> unreachable = state.getUnreachable();
    List<Map<String, Object>> members = new ArrayList<>();
    for (Member member : state.getMembers()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("address", NodeAddress.of(member.address()));
      m.put("status", member.status().toString());
      m.put("roles", new TreeSet<>(member.getRoles()));
      m.put("reachable", !unreachable.contains(member));
      members.add(m);
    }
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("self", NodeAddress.of(cluster.selfMember().address()));
    view.put("selfStatus", cluster.selfMember().status().toString());
    view.put("leader", state.getLeader() == null ? null : NodeAddress.of(state.getLeader()));
    view.put("members", members);
    view.put("history", history.changes());
    return view;
  }
}
