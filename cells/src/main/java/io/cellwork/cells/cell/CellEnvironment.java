package io.cellwork.cells.cell;

import io.cellwork.cells.metrics.CellMetrics;
import io.cellwork.cells.routing.CellRouter;
import io.cellwork.cells.work.WorkContext;
import io.cellwork.cells.work.WorkKinds;
import io.cellwork.intelligence.cost.CostFeatures;
import io.cellwork.intelligence.guard.GuardedModel;
import io.cellwork.killswitch.KillSwitchBoard;
import io.cellwork.killswitch.breaker.BreakerSettings;
import io.cellwork.killswitch.replication.KillSwitchRegistry;
import java.time.Clock;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * What every cell on a node shares: immutable settings and thread-safe services.
 *
 * @param killSwitchRegistry where breakers engage their switches; null where there is none (a
 *     cell then still guards itself, but other nodes do not learn of its open breaker)
 * @param ignoreReleased where release confirmations go when nobody waits for them
 * @param taskCost the node's guarded task-cost predictor, which chooses each task's lane
 */
public record CellEnvironment(
    CellSettings settings,
    CellRouter router,
    WorkKinds kinds,
    WorkContext workContext,
    CellDirectory directory,
    CellMetrics metrics,
    KillSwitchBoard killSwitches,
    ActorRef<KillSwitchRegistry.Command> killSwitchRegistry,
    ActorRef<KillSwitchRegistry.Released> ignoreReleased,
    BreakerSettings breakerSettings,
    GuardedModel<CostFeatures> taskCost,
    Clock clock) {}
