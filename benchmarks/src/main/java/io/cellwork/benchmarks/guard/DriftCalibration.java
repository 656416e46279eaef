package io.cellwork.benchmarks.guard;

import io.cellwork.intelligence.drift.Adwin;
import io.cellwork.intelligence.drift.FeatureDrift;
import io.cellwork.intelligence.drift.PageHinkley;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.DoublePredicate;
import java.util.function.Supplier;

/**
 * False-alarm rate and detection delay of the drift detectors with the settings the tests use:
 * {@code runs} N(0, 1) streams of {@value #STREAM} values (false alarms), and {@code runs / 10}
 * streams whose mean moves by 1 sd at value {@value #SHIFT_AT} (median and maximum delay, in values
 * after the shift). Usage: {@code DriftCalibration [runs]} (default 2000). Deterministic.
 */
public final class DriftCalibration {
  private static final int STREAM = 5_000;
  private static final int SHIFT_AT = 2_000;
  private static final double SHIFT = 1.0;

  public static void main(String[] args) {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
    report("Page-Hinkley(delta 0.25, threshold 50)", () -> new PageHinkley(0.25, 50)::add, runs);
    report("ADWIN(delta 0.002)", () -> new Adwin(0.002)::add, runs);
    report("KS(reference 1000, window 250, alpha 0.01)", () -> new FeatureDrift(1_000, 250, 0.01)::add, runs);
    report("KS(reference 1000, window 250, alpha 0.001)", () -> new FeatureDrift(1_000, 250, 0.001)::add, runs);
  }

  private static void report(String name, Supplier<DoublePredicate> detector, int runs) {
    int falseAlarms = 0;
    for (long seed = 0; seed < runs; seed++) {
      falseAlarms += firstAlarm(seed, 0, detector.get()) >= 0 ? 1 : 0;
    }
    List<Integer> delays = new ArrayList<>();
    int missed = 0;
    for (long seed = 0; seed < runs / 10; seed++) {
      int at = firstAlarm(seed, SHIFT, detector.get());
      if (at >= SHIFT_AT) {
        delays.add(at - SHIFT_AT);
      } else {
        missed++;
      }
    }
    Collections.sort(delays);
    System.out.printf(Locale.ROOT, "%-46s false alarms %d/%d (%.2f%%); 1-sd shift: median delay %s, max %s, missed or early %d/%d%n",
        name, falseAlarms, runs, 100.0 * falseAlarms / runs, delays.isEmpty() ? "-" : delays.get(delays.size() / 2),
        delays.isEmpty() ? "-" : delays.get(delays.size() - 1), missed, runs / 10);
  }

  private static int firstAlarm(long seed, double shift, DoublePredicate detector) {
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < STREAM; i++) {
      if (detector.test(random.nextGaussian() + (i >= SHIFT_AT ? shift : 0))) {
        return i;
      }
    }
    return -1;
  }

  private DriftCalibration() {}
}
