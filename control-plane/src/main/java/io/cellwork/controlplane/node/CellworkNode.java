package io.cellwork.controlplane.node;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.cellwork.cells.Cells;
import io.cellwork.cells.CellsClient;
import io.cellwork.cells.cluster.NodeAddress;
import io.cellwork.cells.journal.JournalSchema;
import io.cellwork.controlplane.http.HttpApi;
import io.cellwork.controlplane.access.AccessControl;
import io.cellwork.killswitch.KillSwitchBoard;
import io.cellwork.killswitch.KillSwitches;
import io.cellwork.killswitch.rate.RateGovernance;
import io.cellwork.killswitch.rate.RateMeter;
import io.cellwork.killswitch.replication.KillSwitchRegistry;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.apache.pekko.actor.typed.ActorRef;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Cellwork node: an actor system that joins the cluster named by its seed nodes, runs its
 * share of the cells and serves the HTTP API. Started by the local cluster launcher with
 * {@code -Dconfig.file=conf/node-h2.conf} (or {@code node-postgres.conf}) and per-node ports.
 */
public final class CellworkNode {
  private static final Logger log = LoggerFactory.getLogger(CellworkNode.class);

  private final ActorSystem<Void> system;
  private final CompletionStage<ServerBinding> binding;

  private CellworkNode(ActorSystem<Void> system, CompletionStage<ServerBinding> binding) {
    this.system = system;
    this.binding = binding;
  }

  public static void main(String[] args) {
    Config config = ConfigFactory.load();
    CellworkNode node = start(config);
    node.binding.whenComplete((bound, failure) -> {
      if (failure != null) {
        log.error("cannot serve HTTP; stopping the node", failure);
        node.system.terminate();
      }
    });
  }

  /** Creates the schema if needed, starts the actor system, the cells and the HTTP server. */
  public static CellworkNode start(Config config) {
    JournalSchema.ensure(config);
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "cellwork", config);
    NodeSettings settings = NodeSettings.fromConfig(config.getConfig("cellwork.node"));
    PrometheusRegistry registry = new PrometheusRegistry();
    KillSwitchBoard board = new KillSwitchBoard();
    ActorRef<KillSwitchRegistry.Command> switches = KillSwitches.start(system, board);
    try {
      KillSwitches.awaitLoaded(system, switches); // no cell runs before the switches that could stop it are known
    } catch (RuntimeException e) {
      system.terminate();
      throw e;
    }
    // the guarded task-cost model picks each task's lane; model:task-cost forces its fallback
    NodeModels models = NodeModels.start(system, registry, board);
    CellsClient cells = Cells.start(system, registry, board, switches, models.taskCost());
    // rate kill switches: this node counts submissions; a cluster singleton compares them with the ceilings
    RateMeter rates = RateGovernance.start(system, board, switches);
    MembershipHistory history = new MembershipHistory(settings.membershipHistory());
    system.systemActorOf(history.watcher(), "membershipHistory", Props.empty());
    AccessControl access = AccessControl.fromConfig(config.getConfig("cellwork.access"));
    HttpApi api = new HttpApi(system, cells, registry, settings, history,
        new HttpApi.ControlPlane(switches, access, rates, models.all()));
    CompletionStage<ServerBinding> binding = Http.get(system)
        .newServerAt(settings.httpHost(), settings.httpPort())
        .bind(api.routes())
        .thenApply(bound -> bound.addToCoordinatedShutdown(settings.unbindDeadline(), system));
    binding.thenAccept(bound -> log.info("node {} serves HTTP on http://{}",
        NodeAddress.of(system.address()), bound.localAddress().getHostString() + ":" + bound.localAddress().getPort()));
    return new CellworkNode(system, binding);
  }

  public ActorSystem<Void> system() {
    return system;
  }

  public CompletionStage<ServerBinding> binding() {
    return binding;
  }
}
