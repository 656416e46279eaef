package io.cellwork.controlplane.http;

import io.cellwork.cells.Cells;
import io.cellwork.cells.CellsClient;
import io.cellwork.cells.testing.SingleNodeCluster;
import io.cellwork.controlplane.access.AccessControl;
import io.cellwork.controlplane.node.MembershipHistory;
import io.cellwork.controlplane.node.NodeModels;
import io.cellwork.controlplane.node.NodeSettings;
import io.cellwork.killswitch.KillSwitchBoard;
import io.cellwork.killswitch.KillSwitches;
import io.cellwork.killswitch.rate.RateGovernance;
import io.cellwork.killswitch.replication.KillSwitchRegistry;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;

/**
 * A whole node inside a test kit's actor system, wired as {@code CellworkNode} wires it (kill
 * switches, guarded models, cells, rate governance, the HTTP API), serving on an ephemeral
 * loopback port.
 *
 * @param baseUrl where the HTTP API answers, e.g. {@code http://127.0.0.1:41234}
 * @param models the node's guarded models, for tests that look behind the API
 */
record InProcessNode(String baseUrl, NodeModels models) {

  /** Joins the test system to itself as a one-node cluster and starts the node on it. */
  static InProcessNode start(ActorTestKit testKit) throws Exception {
    SingleNodeCluster.join(testKit);
    var config = testKit.system().settings().config();
    PrometheusRegistry registry = new PrometheusRegistry();
    KillSwitchBoard board = new KillSwitchBoard();
    ActorRef<KillSwitchRegistry.Command> switches = KillSwitches.start(testKit.system(), board);
    NodeModels models = NodeModels.start(testKit.system(), registry, board);
    CellsClient cells = Cells.start(testKit.system(), registry, board, switches, models.taskCost());
    MembershipHistory history = new MembershipHistory(10);
    testKit.spawn(history.watcher());
    HttpApi api = new HttpApi(testKit.system(), cells, registry,
        NodeSettings.fromConfig(config.getConfig("cellwork.node")), history,
        new HttpApi.ControlPlane(switches, AccessControl.fromConfig(config.getConfig("cellwork.access")),
            RateGovernance.start(testKit.system(), board, switches), models.all()));
    ServerBinding binding = Http.get(testKit.system()).newServerAt("127.0.0.1", 0).bind(api.routes())
        .toCompletableFuture().get();
    return new InProcessNode("http://127.0.0.1:" + binding.localAddress().getPort(), models);
  }
}
