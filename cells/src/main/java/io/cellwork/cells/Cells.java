package io.cellwork.cells;

import io.cellwork.cells.cell.Cell;
import io.cellwork.cells.cell.CellEnvironment;
import io.cellwork.cells.cell.CellKeeper;
import io.cellwork.cells.cell.CellShardExtractor;
import io.cellwork.cells.cell.ShardedCellDirectory;
import io.cellwork.cells.metrics.CellMetrics;
import io.cellwork.cells.routing.CellRouter;
import io.cellwork.cells.work.SystemWorkContext;
import io.cellwork.cells.work.WorkKinds;
import io.cellwork.intelligence.cost.CostFeatures;
import io.cellwork.intelligence.cost.TaskCostGuard;
import io.cellwork.intelligence.guard.GuardedModel;
import io.cellwork.killswitch.KillSwitchBoard;
import io.cellwork.killswitch.breaker.BreakerSettings;
import io.cellwork.killswitch.replication.KillSwitchRegistry;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.cluster.sharding.typed.ClusterShardingSettings;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;

/** Starts the data plane on a node that has joined (or is joining) a cluster. */
public final class Cells {
  /** The name of the task-cost guard's system actor when this class starts it. */
  public static final String TASK_COST_GUARD = "taskCostGuard";

  private Cells() {}

  /**
   * Registers the cell entity with Cluster Sharding, starts the keeper and returns the client the
   * edges use. Call once per actor system.
   */
  public static CellsClient start(ActorSystem<?> system, PrometheusRegistry registry) {
    return start(system, registry, new KillSwitchBoard(), null);
  }

  /**
   * As {@link #start(ActorSystem, PrometheusRegistry)}, enforcing the switches published on
   * {@code killSwitches}; open breakers engage theirs through {@code killSwitchRegistry}.
   */
  public static CellsClient start(
      ActorSystem<?> system, PrometheusRegistry registry, KillSwitchBoard killSwitches,
      ActorRef<KillSwitchRegistry.Command> killSwitchRegistry) {
    return start(system, registry, killSwitches, killSwitchRegistry,
        TaskCostGuard.start(system, TASK_COST_GUARD, killSwitches));
  }

  /**
   * As above, with the node's guarded task-cost predictor (whose guard the node started), which
   * chooses each task's lane.
   */
  public static CellsClient start(
      ActorSystem<?> system, PrometheusRegistry registry, KillSwitchBoard killSwitches,
      ActorRef<KillSwitchRegistry.Command> killSwitchRegistry, GuardedModel<CostFeatures> taskCost) {
    CellsSettings settings = CellsSettings.fromConfig(system.settings().config().getConfig("cellwork.cells"));
    CellRouter router = new CellRouter(settings.router());
    WorkKinds kinds = WorkKinds.withHandlerClasses(settings.workHandlers());
    ClusterSharding sharding = ClusterSharding.get(system);
    ShardedCellDirectory directory = new ShardedCellDirectory(sharding, router.cells());
    CellEnvironment env =
        new CellEnvironment(
            settings.cell(),
            router,
            kinds,
            new SystemWorkContext(system, settings.cpuDispatcher()),
            directory,
            CellMetrics.register(registry),
            killSwitches,
            killSwitchRegistry,
            system.ignoreRef(),
            BreakerSettings.fromConfig(system.settings().config().getConfig("cellwork.killswitch.breaker")),
            taskCost,
            Clock.systemUTC());
    sharding.init(
        Entity.of(Cell.ENTITY_KEY, entity -> Cell.create(Integer.parseInt(entity.getEntityId()), env))
            .withStopMessage(Cell.Stop.INSTANCE)
            // cells are a fixed, small set of long-lived writers: never passivate them
            .withSettings(ClusterShardingSettings.create(system).withNoPassivationStrategy())
            .withMessageExtractor(new CellShardExtractor()));
    ActorRef<CellKeeper.Command> keeper = system.systemActorOf(
        CellKeeper.create(directory, router.cells(), settings.keeperInterval()), "cellKeeper", Props.empty());
    CoordinatedShutdown.get(system).addTask(
        CoordinatedShutdown.PhaseBeforeClusterShutdown(), "stop-cell-keeper",
        () -> AskPattern.ask(keeper, CellKeeper.Stop::new, settings.askTimeout(), system.scheduler()));
    return new CellsClient(router, directory, new TaskCatalog(kinds), settings.askTimeout(), system.executionContext(),
        killSwitches, settings.cell().retryAfterMin());
  }
}
