package io.cellwork.controlplane.node;

import io.cellwork.cells.metrics.ModelMetrics;
import io.cellwork.intelligence.cost.CostFeatures;
import io.cellwork.intelligence.cost.TaskCostGuard;
import io.cellwork.intelligence.guard.GuardedModel;
import io.cellwork.intelligence.guard.GuardedModels;
import io.cellwork.killswitch.KillSwitchBoard;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * The node's guarded models: each with its guard actor (one per model per node), registered for
 * {@code GET /v1/models} and {@code /metrics}.
 *
 * @param taskCost the task-cost predictor the cells choose lanes with
 * @param all every guarded model, by name
 */
public record NodeModels(GuardedModel<CostFeatures> taskCost, GuardedModels all) {
  /** The task-cost guard's system actor. */
  public static final String TASK_COST_GUARD = "taskCostGuard";

  /** Starts the guards; {@code switches} is the board whose {@code model:<name>} switches they obey. */
  public static NodeModels start(ActorSystem<?> system, PrometheusRegistry registry, KillSwitchBoard switches) {
    GuardedModel<CostFeatures> taskCost = TaskCostGuard.start(system, TASK_COST_GUARD, switches);
    GuardedModels all = new GuardedModels().register(taskCost);
    ModelMetrics.register(registry, all);
    return new NodeModels(taskCost, all);
  }
}
