package io.cellwork.intelligence.feedback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NaiveCorrelationCheckTest {
  @Test
  void firesOnAnAccurateModelThatInfluencesNothing() {
    NaiveCorrelationCheck check = new NaiveCorrelationCheck(100, 0.8);
    SplittableRandom random = new SplittableRandom(3);
    for (int i = 0; i < 100; i++) {
      double truth = 10 * random.nextDouble();
      check.observe(truth + 0.1 * random.nextGaussian(), truth);
    }
    assertTrue(check.alarmed(), "a good model correlates with the truth: " + check.lastCorrelation());
    assertEquals(100, check.alarmAfter().getAsLong());
  }

  @Test
  void isQuietOnUnrelatedPredictionsAndDecidesOncePerWindow() {
    NaiveCorrelationCheck check = new NaiveCorrelationCheck(100, 0.8);
    SplittableRandom random = new SplittableRandom(4);
    for (int i = 0; i < 99; i++) {
      assertFalse(check.observe(random.nextDouble(), random.nextDouble()));
    }
    assertTrue(Double.isNaN(check.lastCorrelation()));
    check.observe(random.nextDouble(), random.nextDouble());
    assertFalse(check.alarmed());
    assertTrue(Math.abs(check.lastCorrelation()) < 0.4);
  }
}
