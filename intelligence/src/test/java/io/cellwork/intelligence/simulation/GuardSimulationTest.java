package io.cellwork.intelligence.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GuardSimulationTest {
  private static final int SEEDS = 200;

  @Test
  void stationaryGoodModelNeitherTripsNorRaisesTheFeedbackAlarm() {
    int trips = 0;
    int feedbackAlarms = 0;
    for (long seed = 0; seed < SEEDS; seed++) {
      SimulationResult result = GuardSimulation.run(SimulationSettings.of(Scenario.STATIONARY, seed));
      trips += result.tripped() ? 1 : 0;
      feedbackAlarms += result.feedbackAlarm() ? 1 : 0;
    }
    assertEquals(0, trips, "false trips in " + SEEDS + " runs of 10,000 outcomes");
    assertTrue(feedbackAlarms < 0.01 * SEEDS, "false feedback alarms: " + feedbackAlarms + " of " + SEEDS);
  }

  @Test
  void anAbruptAccuracyDropTripsWithin500Outcomes() {
    for (long seed = 0; seed < 20; seed++) {
      SimulationResult result = GuardSimulation.run(SimulationSettings.of(Scenario.ACCURACY_DROP, seed));
      assertTrue(result.tripped(), "seed " + seed);
      assertTrue(result.tripAfter() > 0 && result.tripAfter() <= 500, "seed " + seed + ": " + result);
      assertFalse(result.feedbackAlarm(), "a broken model is not a feedback loop: " + result);
    }
  }

  @Test
  void coupling03RaisesTheFeedbackAlarmWithin5000TasksWithoutTrippingTheGuard() {
    for (long seed = 0; seed < 10; seed++) {
      SimulationResult result = GuardSimulation.run(SimulationSettings.of(Scenario.FEEDBACK, seed).withSamples(5_000));
      assertTrue(result.feedbackAlarm(), "seed " + seed + ": " + result);
      assertTrue(result.feedbackAlarmAfter() <= 5_000);
      // the loop makes the model look BETTER on the traffic it serves: the rolling error cannot see it
      assertFalse(result.tripped(), "seed " + seed + ": " + result);
    }
  }

  @Test
  void coupling0NeverRaisesTheFeedbackAlarm() {
    for (long seed = 0; seed < 50; seed++) {
      SimulationResult result = GuardSimulation.run(SimulationSettings.of(Scenario.FEEDBACK, seed).withCoupling(0));
      assertFalse(result.feedbackAlarm(), "seed " + seed + ": " + result);
      assertNull(result.feedbackAlarmAfter());
    }
  }

  @Test
  void theNaiveCorrelationCheckFiresOnAGoodUncoupledModelWhereTheSequentialTestStaysQuiet() {
    for (long seed = 0; seed < 20; seed++) {
      SimulationResult result = GuardSimulation.run(SimulationSettings.of(Scenario.STATIONARY, seed));
      assertTrue(result.naiveCorrelationAlarm(), "seed " + seed + ": a good model correlates ~0.98");
      assertFalse(result.feedbackAlarm(), "seed " + seed);
    }
  }

  @Test
  void theNaiveCorrelationCheckMissesARealLoopThatTheSequentialTestFinds() {
    for (long seed = 0; seed < 20; seed++) {
      SimulationResult result = GuardSimulation.run(SimulationSettings.of(Scenario.FEEDBACK, seed)
          .withWorld(World.narrowCosts()).withCoupling(0.2).withSamples(20_000));
      assertFalse(result.naiveCorrelationAlarm(), "seed " + seed + ": correlation stays ~0.75");
      assertTrue(result.feedbackAlarm(), "seed " + seed + ": " + result);
    }
  }

  @Test
  void isAPureFunctionOfItsSettings() {
    SimulationSettings settings = SimulationSettings.of(Scenario.FEEDBACK, 7);
    assertEquals(GuardSimulation.run(settings), GuardSimulation.run(settings));
  }

  @Test
  void printsOneJsonLineWithLiteralNulls() {
    SimulationResult quiet = new SimulationResult(false, null, false, null, true);
    assertEquals("{\"tripped\":false,\"tripAfter\":null,\"feedbackAlarm\":false,\"feedbackAlarmAfter\":null,"
        + "\"naiveCorrelationAlarm\":true}", quiet.toJson());
    SimulationResult result = GuardSimulation.run(SimulationSettings.of(Scenario.ACCURACY_DROP, 1));
    assertNotNull(result.tripAfter());
    assertTrue(result.toJson().contains("\"tripAfter\":" + result.tripAfter() + ","));
  }

  @Test
  void parsesScenarioNames() {
    assertEquals(Scenario.ACCURACY_DROP, Scenario.parse("accuracy-drop"));
    assertEquals("feedback", Scenario.FEEDBACK.id());
  }
}
