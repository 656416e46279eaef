package io.cellwork.loaddriver.usl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class UslFitTest {
  private static final double ALPHA = 0.05;
  private static final double BETA = 0.002;
  private static final double LAMBDA = 1000;

  private static List<UslPoint> synthetic(double alpha, double beta, double lambda, double noise, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<UslPoint> points = new ArrayList<>();
    for (int n = 1; n <= 64; n++) {
      double x = UslFit.throughput(lambda, alpha, beta, n);
      double factor = noise == 0 ? 1 : 1 + noise * (2 * random.nextDouble() - 1);
      points.add(new UslPoint(n, x * factor));
    }
    return points;
  }

  @Test
  void recoversKnownParametersFromExactData() {
    UslFitResult fit = UslFit.fit(synthetic(ALPHA, BETA, LAMBDA, 0, 1));
    assertTrue(fit.supported(), fit.reason());
    assertEquals(ALPHA, fit.alpha(), 1e-6);
    assertEquals(BETA, fit.beta(), 1e-8);
    assertEquals(LAMBDA, fit.lambda(), 1e-3);
    double nStar = Math.sqrt((1 - ALPHA) / BETA);
    assertEquals(nStar, fit.nStar(), 1e-4);
    assertEquals(UslFit.throughput(LAMBDA, ALPHA, BETA, nStar), fit.peakThroughput(), 1e-3);
  }

  @Test
  void recoversKnownParametersWithTwoPercentNoise() {
    for (long seed = 1; seed <= 5; seed++) {
      UslFitResult fit = UslFit.fit(synthetic(ALPHA, BETA, LAMBDA, 0.02, seed));
      assertTrue(fit.supported(), fit.reason());
      assertEquals(ALPHA, fit.alpha(), 0.005, "alpha, seed " + seed);
      assertEquals(BETA, fit.beta(), 5e-5, "beta, seed " + seed);
      assertEquals(LAMBDA, fit.lambda(), 15, "lambda, seed " + seed);
      assertEquals(Math.sqrt((1 - ALPHA) / BETA), fit.nStar(), 0.5, "N*, seed " + seed);
    }
  }

  @Test
  void recoversParametersWhenTheSweepDoesNotStartAtOne() {
    // λ₀ = X(4)/4 underestimates λ here, so the optimizer, not the start, must find it.
    List<UslPoint> points = new ArrayList<>();
    for (int n = 4; n <= 128; n *= 2) {
      points.add(new UslPoint(n, UslFit.throughput(LAMBDA, ALPHA, BETA, n)));
    }
    UslFitResult fit = UslFit.fit(points);
    assertTrue(fit.supported(), fit.reason());
    assertEquals(ALPHA, fit.alpha(), 1e-6);
    assertEquals(BETA, fit.beta(), 1e-8);
    assertEquals(LAMBDA, fit.lambda(), 1e-3);
  }

  @Test
  void notesWhenThePeakIsExtrapolated() {
    List<UslPoint> points = List.of(new UslPoint(1, 1000), new UslPoint(2, UslFit.throughput(1000, 0.05, 0.002, 2)),
        new UslPoint(4, UslFit.throughput(1000, 0.05, 0.002, 4)), new UslPoint(8, UslFit.throughput(1000, 0.05, 0.002, 8)));
    UslFitResult fit = UslFit.fit(points);
    assertTrue(fit.supported(), fit.reason());
    assertTrue(fit.reason().contains("beyond the largest measured n (8)"), fit.reason());
    assertEquals(fit.predict(fit.nStar()), fit.peakThroughput(), 1e-9);
  }

  @Test
  void linearScalingHasNoFinitePeak() {
    List<UslPoint> points = List.of(new UslPoint(1, 100), new UslPoint(2, 200), new UslPoint(4, 400), new UslPoint(8, 800));
    UslFitResult fit = UslFit.fit(points);
    assertTrue(fit.supported(), fit.reason());
    assertEquals(0, fit.alpha(), 1e-6);
    assertEquals(0, fit.beta(), 1e-9);
    assertEquals(Double.POSITIVE_INFINITY, fit.nStar());
    assertEquals(800, fit.peakThroughput(), 1e-3);
  }

  @Test
  void keepsAlphaAndBetaNonNegativeWhenDataIsSuperlinear() {
    List<UslPoint> points = List.of(new UslPoint(1, 100), new UslPoint(2, 230), new UslPoint(4, 520), new UslPoint(8, 1100));
    UslFitResult fit = UslFit.fit(points);
    assertTrue(fit.supported(), fit.reason());
    assertTrue(fit.alpha() >= 0 && fit.beta() >= 0, fit.toString());
  }

  @Test
  void nStarFollowsTheFormula() {
    assertEquals(Math.sqrt(0.95 / 0.002), UslFit.nStar(0.05, 0.002), 1e-12);
    assertEquals(10, UslFit.nStar(0, 0.01), 1e-12);
    assertEquals(Double.POSITIVE_INFINITY, UslFit.nStar(0.3, 0));
    assertEquals(LAMBDA * 4 / (1 + ALPHA * 3 + BETA * 12), new UslFitResult(true, "", ALPHA, BETA, LAMBDA, 0, 0).predict(4), 1e-9);
  }

  @Test
  void reportsDataThatCannotSupportAFit() {
    assertUnsupported(List.of(), "no points");
    assertUnsupported(List.of(new UslPoint(1, 100), new UslPoint(2, 180), new UslPoint(2, 185)), "distinct");
    assertUnsupported(List.of(new UslPoint(1, 100), new UslPoint(2, 0), new UslPoint(4, 300)), "positive");
    assertUnsupported(List.of(new UslPoint(1, 100), new UslPoint(2, -5), new UslPoint(4, 300)), "positive");
    assertUnsupported(List.of(new UslPoint(1, 100), new UslPoint(2, Double.NaN), new UslPoint(4, 300)), "finite");
    assertUnsupported(List.of(new UslPoint(0, 100), new UslPoint(2, 150), new UslPoint(4, 300)), "positive");
    assertUnsupported(List.of(new UslPoint(1, 100), new UslPoint(2, 100), new UslPoint(4, 100), new UslPoint(8, 100)), "does not grow");
  }

  private static void assertUnsupported(List<UslPoint> points, String reasonPart) {
    UslFitResult fit = UslFit.fit(points);
    assertFalse(fit.supported(), () -> "expected unsupported for " + points + " but got " + fit);
    assertTrue(fit.reason().contains(reasonPart), () -> "reason '" + fit.reason() + "' lacks '" + reasonPart + "'");
    assertTrue(Double.isNaN(fit.alpha()));
  }
}
