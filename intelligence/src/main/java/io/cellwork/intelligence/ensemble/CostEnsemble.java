package io.cellwork.intelligence.ensemble;

import io.cellwork.intelligence.Model;
import io.cellwork.intelligence.OnlineModel;
import io.cellwork.intelligence.ScalarModel;
import io.cellwork.intelligence.cost.CostFeatures;
import io.cellwork.intelligence.cost.DeclaredCostHeuristic;
import java.util.List;

/**
 * A diverse task-cost ensemble: members that are wrong in different ways, answering with their
 * median ({@link MedianEnsemble}). {@link #diverse()} builds four: a fast EWMA (follows a change
 * within ~5 tasks, noisy), a slow EWMA (steady, ~50 tasks to follow), a windowed median (robust to
 * outliers, forgets completely) and the declared-cost heuristic (learns nothing, so no bad data
 * or feedback loop can move it). {@link #learn} feeds each learning member; a member that throws
 * while learning is skipped, like one that throws while predicting.
 *
 * <p>Cost: the sum of the members' costs. Not thread-safe (the learning members are not): owned
 * by one actor, like the cost model it stands in for.
 */
public final class CostEnsemble implements OnlineModel<CostFeatures, Double, Double> {
  private final MedianEnsemble<CostFeatures> ensemble;
  private final List<OnlineModel<CostFeatures, Double, Double>> learners;

  public CostEnsemble(String name, List<Model<CostFeatures, Double>> members) {
    this.ensemble = new MedianEnsemble<>(name, members);
    this.learners = members.stream()
        .filter(OnlineModel.class::isInstance)
        .map(CostEnsemble::learner)
        .toList();
  }

  /** The four-member ensemble with the reference.conf memories. */
  public static CostEnsemble diverse() {
    return diverse(EnsembleSettings.defaults());
  }

  public static CostEnsemble diverse(EnsembleSettings settings) {
    return new CostEnsemble("task-cost-ensemble", List.of(
        new EwmaRatioCost("ewma-fast", settings.fastRate(), settings.warmUp()),
        new EwmaRatioCost("ewma-slow", settings.slowRate(), settings.warmUp()),
        new WindowedMedianCost(settings.medianWindow()),
        DeclaredCostHeuristic.declaredOnly()));
  }

  /**
   * The node's served task-cost primary ({@code cellwork.intelligence.task-cost.primary =
   * ensemble}): five members, so the median of all of them is one of their answers, and one broken
   * member still leaves four to out-vote it. Fast, middle and slow EWMAs (different memory: they
   * disagree exactly while the world changes), the windowed median (robust to outliers, forgets
   * completely) and {@code heuristic}, which learns nothing, so no bad data or feedback loop can
   * move it. Served lock-free through its {@link EnsembleSnapshot}s.
   */
  public static LearningEnsemble<CostFeatures> served(
      String name, ScalarModel<CostFeatures> heuristic, EnsembleSettings settings) {
    return new LearningEnsemble<>(name, List.of(
        new EwmaRatioCost("ewma-fast", settings.fastRate(), settings.warmUp()),
        new EwmaRatioCost("ewma", settings.middleRate(), settings.warmUp()),
        new EwmaRatioCost("ewma-slow", settings.slowRate(), settings.warmUp()),
        new WindowedMedianCost(settings.medianWindow()),
        heuristic));
  }

  @Override
  public String name() {
    return ensemble.name();
  }

  @Override
  public String version() {
    return ensemble.version();
  }

  @Override
  public Double predict(CostFeatures features) {
    return ensemble.predict(features);
  }

  @Override
  public void learn(CostFeatures features, Double measuredMillis) {
    for (OnlineModel<CostFeatures, Double, Double> learner : learners) {
      try {
        learner.learn(features, measuredMillis);
      } catch (RuntimeException broken) {
        // a broken member must not stop the others from learning; its answers are skipped too
      }
    }
  }

  public MedianEnsemble<CostFeatures> median() {
    return ensemble;
  }

  @SuppressWarnings("unchecked")
  private static OnlineModel<CostFeatures, Double, Double> learner(Model<CostFeatures, Double> member) {
    return (OnlineModel<CostFeatures, Double, Double>) member;
  }
}
