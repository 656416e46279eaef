package io.cellwork.intelligence.feedback;

import java.util.function.DoubleUnaryOperator;

/**
 * An always-valid two-sample test for a difference in means: the normal-mixture sequential
 * probability ratio test (mSPRT) of Johari, Pekelis and Walsh ("Always valid inference", 2017),
 * in the form for unequal arm sizes. With d = mean(served) - mean(holdout), V = s²_h/n_h + s²_s/n_s
 * its estimated variance and a N(0, τ²) mixture over the true difference, the likelihood ratio is
 *
 * <pre>  Λ = sqrt(V / (V + τ²)) · exp(d² τ² / (2 V (V + τ²)))</pre>
 *
 * and the always-valid p-value is p = min over time of 1/Λ. Because Λ is a non-negative
 * martingale under "no difference", Ville's inequality bounds the chance that p EVER drops to α by
 * α, however often it is looked at and for however long: that is what makes checking after every
 * sample legitimate, unlike re-running a fixed-n t-test (whose false-alarm rate goes to 1 under
 * continuous monitoring). The guarantee is exact for Gaussian data with known variances and holds
 * asymptotically with the plug-in variances used here (why {@code minPerArm} samples are required
 * first). τ is set to {@code mixtureScale} pooled standard deviations: the effect size the test is
 * most sensitive to. Two-sided.
 *
 * <p>O(1) time and memory per sample (Welford running means and variances). Not thread-safe: one
 * owner feeds it.
 */
final class MixtureSprt {
  private final long minPerArm;
  private final double mixtureScale;
  private final DoubleUnaryOperator scale;
  private final Welford holdout = new Welford();
  private final Welford served = new Welford();
  private final Welford rawHoldout = new Welford();
  private final Welford rawServed = new Welford();
  private double pValue = 1.0;

  /**
   * @param scale the monotone transform the means are compared on (e.g. a square root that makes
   *     skewed absolute errors nearly symmetric, so the normal approximation holds at small n);
   *     any transform keeps the null "both arms have the same distribution" valid
   */
  MixtureSprt(long minPerArm, double mixtureScale, DoubleUnaryOperator scale) {
    if (minPerArm < 2) {
      throw new IllegalArgumentException("minPerArm must be >= 2, was " + minPerArm);
    }
    if (!(mixtureScale > 0)) {
      throw new IllegalArgumentException("mixtureScale must be > 0, was " + mixtureScale);
    }
    this.minPerArm = minPerArm;
    this.mixtureScale = mixtureScale;
    this.scale = scale;
  }

  /** Adds one sample to its arm and updates the always-valid p-value. */
  void add(boolean isHoldout, double raw) {
    double x = scale.applyAsDouble(raw);
    if (!Double.isFinite(raw) || !Double.isFinite(x)) {
      return;
    }
    (isHoldout ? rawHoldout : rawServed).add(raw);
    (isHoldout ? holdout : served).add(x);
    if (holdout.n < minPerArm || served.n < minPerArm) {
      return;
    }
    double varH = holdout.variance();
    double varS = served.variance();
    double v = varH / holdout.n + varS / served.n;
    double pooled = ((holdout.n - 1) * varH + (served.n - 1) * varS) / (holdout.n + served.n - 2);
    if (!(v > 0) || !(pooled > 0)) {
      return;
    }
    double tau2 = mixtureScale * mixtureScale * pooled;
    double d = served.mean - holdout.mean;
    double logLambda = 0.5 * Math.log(v / (v + tau2)) + d * d * tau2 / (2 * v * (v + tau2));
    pValue = Math.min(pValue, Math.exp(-logLambda));
  }

  /** The always-valid p-value so far: non-increasing, 1 until both arms have enough samples. */
  double pValue() {
    return pValue;
  }

  /** Arm sizes and means on the raw scale (what a reader expects), with the p-value. */
  FeedbackEvidence evidence(String metric) {
    return new FeedbackEvidence(metric, rawHoldout.n, rawHoldout.mean, rawServed.n, rawServed.mean,
        rawServed.mean - rawHoldout.mean, pValue);
  }

  /** Running mean and sum of squared deviations (Welford), numerically stable. */
  private static final class Welford {
    long n;
    double mean;
    double m2;

    void add(double x) {
      n++;
      double delta = x - mean;
      mean += delta / n;
      m2 += delta * (x - mean);
    }

    double variance() {
      return n > 1 ? m2 / (n - 1) : 0.0;
    }
  }
}
