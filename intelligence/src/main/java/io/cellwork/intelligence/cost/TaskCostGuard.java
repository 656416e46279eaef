package io.cellwork.intelligence.cost;

import com.typesafe.config.Config;
import io.cellwork.intelligence.LearningModel;
import io.cellwork.intelligence.ensemble.CostEnsemble;
import io.cellwork.intelligence.guard.GuardedModel;
import io.cellwork.intelligence.guard.GuardedSpec;
import io.cellwork.intelligence.guard.MlGuard;
import io.cellwork.intelligence.guard.MlGuardSettings;
import io.cellwork.killswitch.KillSwitchBoard;
import java.time.Clock;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * Starts the node's guarded task-cost predictor: as primary the diverse median ensemble
 * ({@link CostEnsemble#served}, with the heuristic as one member) or the single online
 * {@link TaskCostModel} ({@code cellwork.intelligence.task-cost.primary}), the
 * {@link DeclaredCostHeuristic} as fallback, guarded by an {@link MlGuard}.
 */
public final class TaskCostGuard {
  /** The model's name: its kill switch is {@code model:task-cost}. */
  public static final String MODEL_NAME = TaskCostModel.NAME;

  private TaskCostGuard() {}

  public static GuardedSpec<CostFeatures> spec(TaskCostSettings cost) {
    DeclaredCostHeuristic heuristic = DeclaredCostHeuristic.create(cost);
    LearningModel<CostFeatures> primary = switch (cost.primary()) {
      case ENSEMBLE -> CostEnsemble.served(MODEL_NAME, heuristic, cost.ensemble());
      case EWMA -> new TaskCostModel();
    };
    return new GuardedSpec<>(MODEL_NAME, primary, heuristic, cost.loss(), CostFeatures::declaredMillis);
  }

  /** Spawns the guard as system actor {@code actorName}; call once per node (or test system). */
  public static GuardedModel<CostFeatures> start(ActorSystem<?> system, String actorName, KillSwitchBoard switches) {
    Config config = system.settings().config();
    MlGuardSettings settings = MlGuardSettings.create(config);
    return MlGuard.start(system, actorName, spec(TaskCostSettings.create(config)), settings, switches,
        settings.feedback().holdoutSlice()::isHoldout, Clock.systemUTC());
  }
}
