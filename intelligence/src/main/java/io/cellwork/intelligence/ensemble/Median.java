package io.cellwork.intelligence.ensemble;

import java.util.Arrays;

/**
 * Medians of a few member answers without allocation: up to {@link #MAX_LOCALS} values passed as
 * locals and combined with min/max comparisons (a median-of-5 network, 6 comparisons), plus an
 * array form for any count. An answer is usable when it is a finite number {@code >= 0}; anything
 * else (NaN, infinity, negative) is skipped. With an even count of usable answers the median is
 * the mean of the two middle ones; with none it is NaN.
 *
 * <p>Pure static functions: thread-safe, O(1) for the local forms, O(n log n) for the array form.
 */
public final class Median {
  /** How many answers the allocation-free form takes. */
  public static final int MAX_LOCALS = 5;

  private Median() {}

  /** Whether a member's answer may vote: a finite, non-negative number of milliseconds. */
  public static boolean usable(double answer) {
    return answer >= 0 && answer < Double.POSITIVE_INFINITY; // false for NaN too
  }

  /**
   * The median of the usable values among {@code v0..v4}. Pass NaN for an absent value: it is
   * skipped like any unusable answer.
   */
  public static double ofUsable(double v0, double v1, double v2, double v3, double v4) {
    if (usable(v0) && usable(v1) && usable(v2) && usable(v3) && usable(v4)) {
      return of5(v0, v1, v2, v3, v4); // the common case: five healthy members, no compaction
    }
    double a = Double.NaN;
    double b = Double.NaN;
    double c = Double.NaN;
    double d = Double.NaN;
    double e = Double.NaN;
    int k = 0;
    for (int i = 0; i < MAX_LOCALS; i++) {
      double v = i == 0 ? v0 : i == 1 ? v1 : i == 2 ? v2 : i == 3 ? v3 : v4;
      if (!usable(v)) {
        continue;
      }
      switch (k++) {
        case 0 -> a = v;
        case 1 -> b = v;
        case 2 -> c = v;
        case 3 -> d = v;
        default -> e = v;
      }
    }
    return of(k, a, b, c, d, e);
  }

  /** The median of the first {@code count} (0 to 5) of {@code a..e}, all usable. */
  static double of(int count, double a, double b, double c, double d, double e) {
    return switch (count) {
      case 0 -> Double.NaN;
      case 1 -> a;
      case 2 -> mean(a, b);
      case 3 -> Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
      case 4 -> mean(Math.max(Math.min(a, b), Math.min(c, d)), Math.min(Math.max(a, b), Math.max(c, d)));
      default -> of5(a, b, c, d, e);
    };
  }

  /**
   * Median of five: of the pairs (a, b) and (c, d), the smaller of the two pair minimums is below
   * three values, so it is not the median; drop it, pair its partner with e, and the median is
   * the second smallest of the four left.
   */
  private static double of5(double a, double b, double c, double d, double e) {
    double lo1 = Math.min(a, b);
    double hi1 = Math.max(a, b);
    double lo2 = Math.min(c, d);
    double hi2 = Math.max(c, d);
    double single;
    double pairLo;
    double pairHi;
    if (lo1 <= lo2) {
      single = hi1;
      pairLo = lo2;
      pairHi = hi2;
    } else {
      single = hi2;
      pairLo = lo1;
      pairHi = hi1;
    }
    double x = Math.min(single, e);
    double y = Math.max(single, e);
    // second smallest of the sorted pairs (x, y) and (pairLo, pairHi)
    return x <= pairLo ? Math.min(y, pairLo) : Math.min(pairHi, x);
  }

  /** Mean of two values, without overflow for huge ones, and the same whichever comes first. */
  private static double mean(double x, double y) {
    return x * 0.5 + y * 0.5;
  }

  /** The median of the usable values among the first {@code count} of {@code answers} (any count). */
  public static double ofUsable(double[] answers, int count) {
    double[] usable = new double[count];
    int k = 0;
    for (int i = 0; i < count; i++) {
      if (usable(answers[i])) {
        usable[k++] = answers[i];
      }
    }
    if (k == 0) {
      return Double.NaN;
    }
    Arrays.sort(usable, 0, k);
    int mid = k / 2;
    return k % 2 == 1 ? usable[mid] : mean(usable[mid - 1], usable[mid]);
  }
}
