package io.cellwork.intelligence.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

class ModelGuardTest {
  private static final GuardSettings DEFAULTS = GuardSettings.defaults();
  private static final int SEEDS = 200;

  /** A decent cost model: relative errors half-normal around 0.2, capped at 1. */
  private static double goodError(SplittableRandom random) {
    return Math.min(1.0, Math.abs(nextGaussian(random)) * 0.25);
  }

  /** A broken one: errors mostly large. */
  private static double badError(SplittableRandom random) {
    return Math.min(1.0, 0.4 + random.nextDouble() * 0.6);
  }

  private static double nextGaussian(SplittableRandom random) {
    double u = 1.0 - random.nextDouble();
    double v = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  @Test
  void defaultsAreTheReferenceConf() {
    assertEquals(200, DEFAULTS.windowSize());
    assertTrue(DEFAULTS.recoverThreshold() < DEFAULTS.tripThreshold());
  }

  @Test
  void settingsWithoutHysteresisAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new GuardSettings(200, 50, 0.3, 0.3, 3, 10));
    assertThrows(IllegalArgumentException.class, () -> new GuardSettings(20, 50, 0.3, 0.2, 3, 10));
  }

  @Test
  void negativeOrNonFiniteErrorsAreRefused() {
    ModelGuard guard = new ModelGuard(DEFAULTS);
    assertThrows(IllegalArgumentException.class, () -> guard.observe(-0.1));
    assertThrows(IllegalArgumentException.class, () -> guard.observe(Double.NaN));
  }

  @Test
  void stationaryDataTripsInFewerThanOnePercentOfSeeds() {
    int tripped = countSeedsThatTrip(ModelGuardTest::goodError);
    assertTrue(tripped < SEEDS / 100, tripped + " of " + SEEDS + " seeds tripped on good data");
  }

  @Test
  void stationaryZeroOneErrorsNearTheThresholdRarelyTrip() {
    // A classifier wrong 25% of the time: 0/1 errors with a large spread, mean 0.1 under the trip.
    int tripped = countSeedsThatTrip(random -> random.nextDouble() < 0.25 ? 1.0 : 0.0);
    assertTrue(tripped < SEEDS / 100, tripped + " of " + SEEDS + " seeds tripped on 0/1 data");
  }

  private static int countSeedsThatTrip(ToDoubleFunction<SplittableRandom> errors) {
    int tripped = 0;
    for (int seed = 0; seed < SEEDS; seed++) {
      SplittableRandom random = new SplittableRandom(seed);
      ModelGuard guard = new ModelGuard(DEFAULTS);
      for (int i = 0; i < 5_000; i++) {
        if (guard.observe(errors.applyAsDouble(random)).isPresent()) {
          tripped++;
          break;
        }
      }
    }
    return tripped;
  }

  @Test
  void anAbruptAccuracyDropTripsWithin500Outcomes() {
    for (int seed = 0; seed < SEEDS; seed++) {
      SplittableRandom random = new SplittableRandom(seed);
      ModelGuard guard = new ModelGuard(DEFAULTS);
      for (int i = 0; i < 2_000; i++) {
        guard.observe(goodError(random));
      }
      Optional<GuardTransition> trip = Optional.empty();
      int after = 0;
      while (trip.isEmpty() && after < 500) {
        trip = guard.observe(badError(random));
        after++;
      }
      assertTrue(trip.isPresent(), "seed " + seed + " did not trip within 500 bad outcomes");
      assertEquals(GuardState.TRIPPED, trip.get().to());
      assertEquals(2_000 + after, trip.get().atOutcome());
      assertTrue(trip.get().bound() > DEFAULTS.tripThreshold());
      assertEquals(GuardState.TRIPPED, guard.state());
    }
  }

  @Test
  void closesOnlyAfterTheShadowMinimumOnceAccuracyIsRestored() {
    SplittableRandom random = new SplittableRandom(7);
    ModelGuard guard = new ModelGuard(DEFAULTS);
    long trippedAt = -1;
    for (int i = 0; i < 1_000 && trippedAt < 0; i++) {
      Optional<GuardTransition> t = guard.observe(badError(random));
      if (t.isPresent()) {
        trippedAt = t.get().atOutcome();
      }
    }
    assertTrue(trippedAt > 0);
    // Still bad in shadow: stays tripped.
    for (int i = 0; i < 1_000; i++) {
      assertTrue(guard.observe(badError(random)).isEmpty());
    }
    long restoredAt = guard.outcomes();
    Optional<GuardTransition> close = Optional.empty();
    for (int i = 0; i < 2_000 && close.isEmpty(); i++) {
      close = guard.observe(goodError(random));
    }
    assertTrue(close.isPresent(), "did not close after accuracy was restored");
    assertEquals(GuardState.CLOSED, close.get().to());
    assertTrue(close.get().bound() < DEFAULTS.recoverThreshold());
    assertTrue(close.get().atOutcome() - trippedAt >= DEFAULTS.minShadowOutcomes());
    assertTrue(close.get().atOutcome() - restoredAt <= DEFAULTS.windowSize(),
        "closes once the bad errors aged out of the window");
    assertEquals(GuardState.CLOSED, guard.state());
  }

  @Test
  void theShadowMinimumHoldsEvenWhenTheWindowLooksGoodAtOnce() {
    GuardSettings settings = new GuardSettings(50, 20, 0.35, 0.25, 3, 500);
    ModelGuard guard = new ModelGuard(settings);
    long trippedAt = 0;
    while (guard.state() == GuardState.CLOSED) {
      guard.observe(1.0);
      trippedAt = guard.outcomes();
    }
    List<GuardTransition> closes = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      guard.observe(0.0).ifPresent(closes::add);
    }
    assertEquals(1, closes.size());
    assertEquals(trippedAt + 500, closes.get(0).atOutcome());
  }

  @Test
  void anErrorHoveringAroundTheTripThresholdDoesNotFlap() {
    GuardSettings settings = DEFAULTS;
    for (int seed = 0; seed < 50; seed++) {
      SplittableRandom random = new SplittableRandom(seed);
      ModelGuard guard = new ModelGuard(settings);
      int transitions = 0;
      for (int i = 0; i < 20_000; i++) {
        // Segments of 300 outcomes whose mean alternates just below and just above the trip.
        double mean = (i / 300) % 2 == 0 ? 0.30 : 0.42;
        double error = Math.min(1.0, Math.max(0.0, mean + 0.1 * nextGaussian(random)));
        if (guard.observe(error).isPresent()) {
          transitions++;
        }
      }
      assertTrue(transitions <= 1, "seed " + seed + " flapped: " + transitions + " transitions");
    }
  }

  @Test
  void noDecisionBeforeTheMinimumSampleSize() {
    ModelGuard guard = new ModelGuard(DEFAULTS);
    for (int i = 1; i < DEFAULTS.minSamples(); i++) {
      assertTrue(guard.observe(1.0).isEmpty());
    }
    assertTrue(guard.observe(1.0).isPresent());
    assertEquals(1.0, guard.rollingError(), 1e-12);
    assertFalse(guard.state() == GuardState.CLOSED);
  }
}
