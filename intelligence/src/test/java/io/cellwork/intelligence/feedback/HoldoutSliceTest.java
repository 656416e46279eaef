package io.cellwork.intelligence.feedback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HoldoutSliceTest {
  private static final int IDS = 100_000;

  @Test
  void holdsOutTheConfiguredFractionOfIds() {
    HoldoutSlice slice = new HoldoutSlice(0.05, 42);
    int held = 0;
    for (int i = 0; i < IDS; i++) {
      if (slice.isHoldout("task-" + i)) {
        held++;
      }
    }
    // binomial sd = sqrt(100000 * 0.05 * 0.95) = 69 ids: 0.3 percentage points is > 4 sd
    assertEquals(0.05, held / (double) IDS, 0.003);
  }

  @Test
  void isStableForAnIdAndSaltAndReshuffledByANewSalt() {
    HoldoutSlice slice = new HoldoutSlice(0.05, 42);
    HoldoutSlice sameSalt = new HoldoutSlice(0.05, 42);
    HoldoutSlice otherSalt = new HoldoutSlice(0.05, 43);
    int inBoth = 0;
    int inFirst = 0;
    for (int i = 0; i < IDS; i++) {
      String id = "task-" + i;
      assertEquals(slice.isHoldout(id), sameSalt.isHoldout(id), id);
      if (slice.isHoldout(id)) {
        inFirst++;
        if (otherSalt.isHoldout(id)) {
          inBoth++;
        }
      }
    }
    // independent slices overlap in ~5% of the first one's members, not in all of them
    assertEquals(0.05, inBoth / (double) inFirst, 0.02);
  }

  @Test
  void idsThatDifferInOneCharacterLandIndependently() {
    HoldoutSlice slice = new HoldoutSlice(0.5, 7);
    int agree = 0;
    for (int i = 0; i < IDS; i++) {
      if (slice.isHoldout("a" + i) == slice.isHoldout("b" + i)) {
        agree++;
      }
    }
    assertEquals(0.5, agree / (double) IDS, 0.01);
  }

  @Test
  void propensityIsTheProbabilityOfTheArmTheTaskIsIn() {
    HoldoutSlice slice = new HoldoutSlice(0.05, 1);
    assertEquals(0.05, slice.propensity(true), 1e-12);
    assertEquals(0.95, slice.propensity(false), 1e-12);
  }

  @Test
  void edgesAndInvalidFractions() {
    assertTrue(new HoldoutSlice(1.0, 1).isHoldout("x"));
    assertTrue(!new HoldoutSlice(0.0, 1).isHoldout("x"));
    assertThrows(IllegalArgumentException.class, () -> new HoldoutSlice(1.5, 1));
    assertThrows(IllegalArgumentException.class, () -> new HoldoutSlice(Double.NaN, 1));
  }
}
