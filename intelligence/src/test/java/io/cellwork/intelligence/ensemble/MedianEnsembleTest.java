package io.cellwork.intelligence.ensemble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cellwork.intelligence.Model;
import io.cellwork.intelligence.OnlineModel;
import io.cellwork.intelligence.cost.CostFeatures;
import io.cellwork.intelligence.cost.DeclaredCostHeuristic;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class MedianEnsembleTest {
  private static final double TOLERANCE = 1e-9;

  private static Model<String, Double> model(String name, Function<String, Double> answer) {
    return new Model<>() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public String version() {
        return "1";
      }

      @Override
      public Double predict(String features) {
        return answer.apply(features);
      }
    };
  }

  private static MedianEnsemble<String> withBroken(Model<String, Double> broken) {
    return new MedianEnsemble<>("cost", List.of(model("a", f -> 10.0), model("b", f -> 12.0), broken));
  }

  @Test
  void answersTheMedian() {
    MedianEnsemble<String> ensemble = withBroken(model("c", f -> 11.0));
    assertEquals(11.0, ensemble.predict("x"), TOLERANCE);
    assertEquals(0, ensemble.skippedAnswers());
  }

  @Test
  void survivesAMemberThatThrows() {
    MedianEnsemble<String> ensemble = withBroken(model("c", f -> {
      throw new IllegalStateException("model file corrupt");
    }));
    assertEquals(11.0, ensemble.predict("x"), TOLERANCE);
    assertEquals(1, ensemble.skippedAnswers());
  }

  @Test
  void survivesAMemberThatAnswersNanInfinityNegativeOrNull() {
    for (Double bad : new Double[] {Double.NaN, Double.POSITIVE_INFINITY, -5.0, null}) {
      assertEquals(11.0, withBroken(model("c", f -> bad)).predict("x"), TOLERANCE, "member answering " + bad);
    }
  }

  @Test
  void outVotesAMemberThatIsWildlyWrongButFinite() {
    assertEquals(12.0, withBroken(model("c", f -> 1e12)).predict("x"), TOLERANCE);
    assertEquals(10.0, withBroken(model("c", f -> 0.0)).predict("x"), TOLERANCE);
  }

  @Test
  void answersNanOnlyWhenEveryMemberFails() {
    MedianEnsemble<String> ensemble = new MedianEnsemble<>("cost", List.of(model("a", f -> Double.NaN)));
    assertTrue(Double.isNaN(ensemble.predict("x")));
  }

  @Test
  void itsVersionNamesItsMembers() {
    assertEquals("median+a@1+b@1+c@1", withBroken(model("c", f -> 1.0)).version());
  }

  @Test
  void theDiverseCostEnsembleLearnsAndSurvivesABrokenMember() {
    CostEnsemble healthy = CostEnsemble.diverse();
    CostFeatures sleep10 = new CostFeatures("sleep", 10);
    for (int i = 0; i < 200; i++) {
      healthy.learn(sleep10, 15.0); // this machine sleeps 1.5x longer than declared
    }
    // three learners say 15, the heuristic says 10: the median of {10, 15, 15, 15} is 15
    assertEquals(15.0, healthy.predict(sleep10), 1e-6);

    List<Model<CostFeatures, Double>> members = List.of(
        new EwmaRatioCost("ewma-fast", EnsembleSettings.defaults().fastRate(), EnsembleSettings.defaults().warmUp()),
        new WindowedMedianCost(EnsembleSettings.defaults().medianWindow()),
        DeclaredCostHeuristic.declaredOnly(),
        new Poisoned());
    CostEnsemble oneBroken = new CostEnsemble("cost", members);
    for (int i = 0; i < 200; i++) {
      oneBroken.learn(sleep10, 15.0);
    }
    // {10, 15, 15, 1e9}: the median stays between the honest answers
    assertEquals(15.0, oneBroken.predict(sleep10), 1e-6);
  }

  /** Learned garbage: answers a finite absurdity and throws when fed. */
  private static final class Poisoned implements OnlineModel<CostFeatures, Double, Double> {
    @Override
    public String name() {
      return "poisoned";
    }

    @Override
    public String version() {
      return "0";
    }

    @Override
    public Double predict(CostFeatures features) {
      return 1e9;
    }

    @Override
    public void learn(CostFeatures features, Double truth) {
      throw new IllegalStateException("disk full");
    }
  }

  @Test
  void theWindowedMedianIgnoresOutliersAndForgets() {
    WindowedMedianCost median = new WindowedMedianCost(8);
    CostFeatures echo = new CostFeatures("echo", 0);
    for (int i = 0; i < 7; i++) {
      median.learn(echo, 1.0);
    }
    median.learn(echo, 500.0); // one task stuck behind a GC pause
    assertEquals(1.0, median.predict(echo), TOLERANCE);
    for (int i = 0; i < 8; i++) {
      median.learn(echo, 3.0);
    }
    assertEquals(3.0, median.predict(echo), TOLERANCE);
  }
}
