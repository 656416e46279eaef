package io.cellwork.intelligence.drift;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DriftDetectorsTest {
  private static final int SEEDS = 200;
  private static final int STREAM = 5_000;
  private static final int SHIFT_AT = 2_000;
  /**
   * The KS detector's bound on ever alarming on a stationary stream. Measured: 23 alarms in 2,000
   * runs at 0.01 (the bound, within noise), 2 in 2,000 at 0.001.
   */
  private static final double ALPHA = 0.001;

  /** Values ~ N(0, 1), or N(shift, 1) from SHIFT_AT on; index of the first alarm, or -1. */
  private static int firstAlarm(long seed, double shift, java.util.function.DoublePredicate detector) {
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < STREAM; i++) {
      double x = random.nextGaussian() + (i >= SHIFT_AT ? shift : 0);
      if (detector.test(x)) {
        return i;
      }
    }
    return -1;
  }

  @Test
  void pageHinkleyIsQuietOnAStationaryStream() {
    int alarms = 0;
    for (long seed = 0; seed < SEEDS; seed++) {
      alarms += firstAlarm(seed, 0, new PageHinkley(0.25, 50)::add) >= 0 ? 1 : 0;
    }
    assertTrue(alarms < 0.01 * SEEDS, "false alarms: " + alarms + " of " + SEEDS);
  }

  @Test
  void pageHinkleyFindsAnAbruptShiftInTheMeanSoonAfterIt() {
    for (long seed = 0; seed < 20; seed++) {
      int up = firstAlarm(seed, 1.0, new PageHinkley(0.25, 50)::add);
      assertTrue(up >= SHIFT_AT && up < SHIFT_AT + 200, "seed " + seed + ": up-shift found at " + up);
      int down = firstAlarm(seed, -1.0, new PageHinkley(0.25, 50)::add);
      assertTrue(down >= SHIFT_AT && down < SHIFT_AT + 200, "seed " + seed + ": down-shift found at " + down);
    }
  }

  @Test
  void pageHinkleyResetsAfterAnAlarm() {
    PageHinkley detector = new PageHinkley(0.25, 5);
    boolean alarmed = false;
    for (int i = 0; i < 100 && !alarmed; i++) {
      alarmed = detector.add(i < 50 ? 0 : 3);
    }
    assertTrue(alarmed);
    assertTrue(detector.count() == 0);
    assertFalse(detector.add(3), "the new level is the new normal");
  }

  @Test
  void featureDriftIsQuietOnAStationaryStream() {
    int alarms = 0;
    for (long seed = 0; seed < SEEDS; seed++) {
      alarms += firstAlarm(seed, 0, new FeatureDrift(1_000, 250, ALPHA)::add) >= 0 ? 1 : 0;
    }
    assertTrue(alarms < 0.01 * SEEDS, "false alarms: " + alarms + " of " + SEEDS);
  }

  @Test
  void featureDriftFindsAShiftWithinTwoWindows() {
    for (long seed = 0; seed < 20; seed++) {
      int at = firstAlarm(seed, 0.5, new FeatureDrift(1_000, 250, ALPHA)::add);
      assertTrue(at >= SHIFT_AT && at < SHIFT_AT + 500, "seed " + seed + ": shift found at " + at);
    }
  }

  @Test
  void featureDriftSeesAChangeInSpreadThatLeavesTheMeanAlone() {
    FeatureDrift drift = new FeatureDrift(1_000, 250, ALPHA);
    SplittableRandom random = new SplittableRandom(9);
    boolean alarmed = false;
    for (int i = 0; i < 2_000 && !alarmed; i++) {
      alarmed = drift.add(random.nextGaussian() * (i < 1_000 ? 1 : 3));
    }
    assertTrue(alarmed);
    assertTrue(drift.lastPValue() < 1e-6);
  }

  @Test
  void adwinKeepsGrowingOnAStationaryStream() {
    int cuts = 0;
    for (long seed = 0; seed < SEEDS; seed++) {
      cuts += firstAlarm(seed, 0, new Adwin(0.002)::add) >= 0 ? 1 : 0;
    }
    assertTrue(cuts < 0.01 * SEEDS, "false cuts: " + cuts + " of " + SEEDS);
  }

  @Test
  void adwinCutsSoonAfterAShiftAndForgetsTheOldLevel() {
    for (long seed = 0; seed < 20; seed++) {
      Adwin adwin = new Adwin(0.002);
      int at = firstAlarm(seed, 1.0, adwin::add);
      assertTrue(at >= SHIFT_AT && at < SHIFT_AT + 200, "seed " + seed + ": shift found at " + at);
      assertTrue(adwin.width() < 1_000, "the window dropped most of the old level: " + adwin.width());
    }
    Adwin adwin = new Adwin(0.002);
    SplittableRandom random = new SplittableRandom(5);
    for (int i = 0; i < 3_000; i++) {
      adwin.add(random.nextGaussian() + (i < 1_000 ? 0 : 2));
    }
    assertTrue(Math.abs(adwin.mean() - 2) < 0.2, "mean of the new level: " + adwin.mean());
    assertTrue(adwin.width() > 1_000, "and it grew again: " + adwin.width());
  }
}
