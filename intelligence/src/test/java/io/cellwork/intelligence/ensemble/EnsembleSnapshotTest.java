package io.cellwork.intelligence.ensemble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cellwork.intelligence.LearningModel;
import io.cellwork.intelligence.ScalarModel;
import io.cellwork.intelligence.cost.CostFeatures;
import io.cellwork.intelligence.cost.DeclaredCostHeuristic;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/** The served ensemble: allocation-free median, frozen members, and one broken member out-voted. */
class EnsembleSnapshotTest {
  private static final CostFeatures SLEEP_10 = new CostFeatures("sleep", 10);
  private static final CostFeatures ECHO = new CostFeatures("echo", 0);
  /** This machine sleeps 1.5x longer than declared. */
  private static final double TRUE_MILLIS = 15.0;
  /** Relative tolerance of the ensemble's answer to the truth with noisy outcomes (5% noise). */
  private static final double TOLERANCE = 0.05;

  @Test
  void theLocalsMedianAgreesWithSortingForEveryCountAndSkipsUnusableValues() {
    SplittableRandom random = new SplittableRandom(7);
    double[] unusable = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -1.0};
    for (int run = 0; run < 20_000; run++) {
      double[] v = new double[Median.MAX_LOCALS];
      for (int i = 0; i < v.length; i++) {
        int pick = random.nextInt(10);
        // ties and huge finite values included: they must not break the network
        v[i] = pick < 2 ? unusable[random.nextInt(unusable.length)]
            : pick == 2 ? 1e300 : pick == 3 ? 5.0 : random.nextDouble() * 100;
      }
      double expected = Median.ofUsable(v, v.length);
      double actual = Median.ofUsable(v[0], v[1], v[2], v[3], v[4]);
      assertEquals(expected, actual, 0.0, Arrays.toString(v));
      double[] sorted = Arrays.stream(v).filter(Median::usable).sorted().toArray();
      if (sorted.length % 2 == 1) {
        assertEquals(sorted[sorted.length / 2], actual, 0.0, Arrays.toString(v));
      }
    }
    assertTrue(Double.isNaN(Median.ofUsable(Double.NaN, -2, Double.NaN, Double.NaN, Double.NaN)));
    assertEquals(4.0, Median.ofUsable(3, 5, Double.NaN, Double.NaN, Double.NaN), 0.0);
  }

  @Test
  void aHealthyServedEnsembleIsAccurateAndItsSnapshotMatchesTheLiveModel() {
    LearningEnsemble<CostFeatures> ensemble =
        CostEnsemble.served("task-cost", DeclaredCostHeuristic.declaredOnly(), EnsembleSettings.defaults());
    train(ensemble, 500);
    EnsembleSnapshot<CostFeatures> snapshot = ensemble.snapshot();
    assertEquals(TRUE_MILLIS, snapshot.predictValue(SLEEP_10), TRUE_MILLIS * TOLERANCE);
    assertEquals(ensemble.predictValue(SLEEP_10), snapshot.predictValue(SLEEP_10), 1e-12);
    assertEquals(ensemble.predictValue(ECHO), snapshot.predictValue(ECHO), 1e-12);
    assertEquals(5, snapshot.members().size());
    for (int i = 0; i < 5; i++) {
      assertEquals(0, snapshot.health().skipped(i));
    }
  }

  @Test
  void theSnapshotIsFrozenWhileTheEnsembleGoesOnLearning() {
    LearningEnsemble<CostFeatures> ensemble =
        CostEnsemble.served("task-cost", DeclaredCostHeuristic.declaredOnly(), EnsembleSettings.defaults());
    train(ensemble, 200);
    EnsembleSnapshot<CostFeatures> before = ensemble.snapshot();
    double answer = before.predictValue(SLEEP_10);
    for (int i = 0; i < 200; i++) {
      ensemble.learn(SLEEP_10, 40.0); // the backend got slower
    }
    assertEquals(answer, before.predictValue(SLEEP_10), 0.0, "an old snapshot never changes");
    assertEquals(40.0, ensemble.snapshot().predictValue(SLEEP_10), 40.0 * TOLERANCE, "a new one follows");
  }

  @Test
  void oneMemberAnsweringNanIsSkippedAndTheMedianStaysNearTheTruth() {
    assertSurvives(features -> Double.NaN, true);
  }

  @Test
  void oneMemberAnsweringAbsurdlyIsOutVoted() {
    assertSurvives(features -> 1e12, false);
    assertSurvives(features -> 0.0, false);
  }

  @Test
  void oneMemberThatThrowsIsSkipped() {
    assertSurvives(features -> {
      throw new IllegalStateException("model file corrupt");
    }, true);
  }

  @Test
  void negativeAndInfiniteAnswersAreSkipped() {
    assertSurvives(features -> -3.0, true);
    assertSurvives(features -> Double.POSITIVE_INFINITY, true);
  }

  /**
   * The served line-up with its middle EWMA replaced by {@code broken}, which also throws when it
   * learns: the heuristic says 10, the three honest learners ~15, so the median must
   * stay ~15 whatever the broken member answers.
   */
  private static void assertSurvives(ToDoubleFunction<CostFeatures> broken, boolean skipped) {
    LearningEnsemble<CostFeatures> ensemble = new LearningEnsemble<>("task-cost", List.of(
        new EwmaRatioCost("ewma-fast", EnsembleSettings.defaults().fastRate(), EnsembleSettings.defaults().warmUp()),
        new Broken(broken),
        new EwmaRatioCost("ewma-slow", EnsembleSettings.defaults().slowRate(), EnsembleSettings.defaults().warmUp()),
        new WindowedMedianCost(EnsembleSettings.defaults().medianWindow()),
        DeclaredCostHeuristic.declaredOnly()));
    train(ensemble, 500);
    EnsembleSnapshot<CostFeatures> snapshot = ensemble.snapshot();
    for (int call = 0; call < 3; call++) {
      assertEquals(TRUE_MILLIS, snapshot.predictValue(SLEEP_10), TRUE_MILLIS * TOLERANCE);
    }
    assertEquals(TRUE_MILLIS, ensemble.predictValue(SLEEP_10), TRUE_MILLIS * TOLERANCE, "live, in the guard");
    assertEquals(0, snapshot.health().skipped(0), "healthy members are never skipped");
    assertTrue(skipped == snapshot.health().skipped(1) > 0, "skips of the broken member are counted: " + skipped);
  }

  /** Outcomes of sleep 10 at 15 ms with 5% noise, and of echo at ~0.05 ms. */
  private static void train(LearningModel<CostFeatures> model, int n) {
    SplittableRandom random = new SplittableRandom(11);
    for (int i = 0; i < n; i++) {
      model.learn(SLEEP_10, TRUE_MILLIS * (1 + 0.05 * (random.nextDouble() * 2 - 1)));
      model.learn(ECHO, 0.05);
    }
  }

  /** A member whose answers are broken and which fails to learn. */
  private record Broken(ToDoubleFunction<CostFeatures> answer) implements LearningModel<CostFeatures> {
    @Override
    public String name() {
      return "broken";
    }

    @Override
    public String version() {
      return "0";
    }

    @Override
    public double predictValue(CostFeatures features) {
      return answer.applyAsDouble(features);
    }

    @Override
    public void learn(CostFeatures features, double truth) {
      throw new IllegalStateException("disk full");
    }

    @Override
    public ScalarModel<CostFeatures> snapshot() {
      return this; // immutable: its brokenness is what gets served
    }
  }
}
