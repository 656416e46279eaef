package io.cellwork.loaddriver.workload;

import org.apache.commons.math3.distribution.ZipfDistribution;

/**
 * Which of {@code count} names (tenants or keys) a request goes to: uniform, or Zipf with exponent
 * {@code s} (rank 1 is the most popular). Zipf sampling uses Commons Math's rejection-inversion
 * sampler, O(1) per draw; that sampler keeps state, so each thread gets its own copy.
 */
public final class Popularity {
  private final int count;
  private final double zipfExponent;
  private final ThreadLocal<ZipfDistribution> zipf;

  /** @param zipfExponent 0 for uniform */
  public Popularity(int count, double zipfExponent) {
    if (count < 1 || zipfExponent < 0) {
      throw new IllegalArgumentException("need count >= 1 and a Zipf exponent >= 0, not " + count + ", " + zipfExponent);
    }
    this.count = count;
    this.zipfExponent = zipfExponent;
    this.zipf = zipfExponent == 0 ? null : ThreadLocal.withInitial(() ->
        new ZipfDistribution(new org.apache.commons.math3.random.Well19937c(java.util.concurrent.ThreadLocalRandom.current().nextLong()),
            count, zipfExponent));
  }

  public int count() {
    return count;
  }

  public double zipfExponent() {
    return zipfExponent;
  }

  /** A 0-based index; 0 is the most popular under Zipf. */
  public int pick(java.util.random.RandomGenerator random) {
    return zipf == null ? random.nextInt(count) : zipf.get().sample() - 1;
  }
}
