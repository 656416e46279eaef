package io.cellwork.loaddriver.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class RateProfileTest {
  @Test
  void stepsHoldEachRateForItsTimeAndTheLastOneAfterwards() {
    RateProfile steps = new RateProfile.Steps(List.of(new RateProfile.Step(100, 2), new RateProfile.Step(300, 1)));
    assertEquals(100, steps.rateAt(0));
    assertEquals(100, steps.rateAt(1.99));
    assertEquals(300, steps.rateAt(2));
    assertEquals(300, steps.rateAt(10));
    assertEquals(3, steps.naturalSeconds());
  }

  @Test
  void aRampIsAStraightLineThenHolds() {
    RateProfile ramp = new RateProfile.Ramp(0, 1000, 10);
    assertEquals(0, ramp.rateAt(0));
    assertEquals(500, ramp.rateAt(5), 1e-9);
    assertEquals(1000, ramp.rateAt(12));
  }
}
