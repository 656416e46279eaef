package io.cellwork.intelligence.feedback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FeedbackLoopDetectorTest {
  private static final int TASKS = 10_000;
  private static final double HOLDOUT = 0.05;

  /** Feeds tasks whose served arm has its outcome and its error shifted by the given amounts. */
  private static FeedbackLoopDetector run(long seed, double outcomeShift, double errorFactor) {
    FeedbackLoopDetector detector = new FeedbackLoopDetector(FeedbackSettings.defaults());
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < TASKS && !detector.alarmed(); i++) {
      boolean holdout = random.nextDouble() < HOLDOUT;
      double outcome = random.nextGaussian() + (holdout ? 0 : outcomeShift);
      double error = Math.abs(0.1 * random.nextGaussian()) * (holdout ? 1 : errorFactor);
      detector.observe(holdout, outcome, error);
    }
    return detector;
  }

  @Test
  void staysQuietWhenBothArmsComeFromOnePopulation() {
    int alarms = 0;
    for (long seed = 0; seed < 200; seed++) {
      if (run(seed, 0, 1).alarmed()) {
        alarms++;
      }
    }
    assertTrue(alarms <= 1, "false alarms in 200 runs of 10,000 tasks: " + alarms);
  }

  @Test
  void alarmsWhenServedOutcomesShift() {
    FeedbackLoopDetector detector = run(1, 0.5, 1);
    assertTrue(detector.alarmed());
    assertTrue(detector.alarmAfter().getAsLong() < 5_000, "after " + detector.alarmAfter());
    assertTrue(detector.outcomeEvidence().pValue() <= FeedbackSettings.defaults().alpha() / 2);
    assertEquals(0.5, detector.outcomeEvidence().difference(), 0.25);
  }

  @Test
  void alarmsWhenTheModelLooksBetterWhereItServes() {
    FeedbackLoopDetector detector = run(2, 0, 0.6);
    assertTrue(detector.alarmed());
    FeedbackEvidence errors = detector.errorEvidence();
    assertTrue(errors.servedMean() < errors.holdoutMean(), errors.toString());
    assertEquals(detector.observations(), errors.holdoutCount() + errors.servedCount());
  }

  @Test
  void saysNothingBeforeEachArmHasTheMinimumSamples() {
    FeedbackLoopDetector detector = new FeedbackLoopDetector(FeedbackSettings.defaults());
    for (int i = 0; i < 1_000; i++) {
      detector.observe(false, 100, 1); // wildly different, but no holdout at all yet
      detector.observe(i < FeedbackSettings.defaults().minSamplesPerArm() - 1, 0, 0.5);
    }
    assertFalse(detector.alarmed());
    assertEquals(1.0, detector.pValue());
  }

  @Test
  void resetStartsANewTest() {
    FeedbackLoopDetector detector = run(1, 0.5, 1);
    assertTrue(detector.alarmed());
    detector.reset();
    assertFalse(detector.alarmed());
    assertTrue(detector.alarmAfter().isEmpty());
    assertEquals(0, detector.observations());
  }
}
