package io.cellwork.intelligence.feedback;

/**
 * The random slice of tasks served WITHOUT the model, so that the outcomes the model never
 * touched can be compared with the ones it did. Membership is a pure function of the task id and
 * a salt: a 64-bit FNV-1a hash of the id, mixed with the salt by the SplitMix64 finalizer, mapped
 * to a uniform number in [0, 1) and compared with the fraction. The same task is therefore in the
 * same arm on every node and after every restart (no coordination, no state), and a new salt draws
 * a fresh, independent slice. {@link #propensity} is the probability that the arm a task landed in
 * is the one it was served by, to log with each outcome for inverse-propensity weighting.
 *
 * <p>O(length of the id) per call, no allocation. Immutable and thread-safe.
 */
public final class HoldoutSlice {
  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;
  /** 2^-53: turns the top 53 bits of a hash into a double in [0, 1). */
  private static final double UNIT = 0x1.0p-53;

  private final double fraction;
  private final long salt;

  /**
   * @param fraction share of tasks in the holdout, in [0, 1]
   * @param salt any value; changing it reshuffles which tasks are held out
   */
  public HoldoutSlice(double fraction, long salt) {
    if (!(fraction >= 0.0 && fraction <= 1.0)) {
      throw new IllegalArgumentException("fraction must be in [0, 1], was " + fraction);
    }
    this.fraction = fraction;
    this.salt = salt;
  }

  public double fraction() {
    return fraction;
  }

  /** True when the task is served by the fallback and never by the model. */
  public boolean isHoldout(String taskId) {
    return uniform(taskId) < fraction;
  }

  /**
   * The probability that a task ends up in the arm it is in: {@code fraction} for the holdout,
   * {@code 1 - fraction} for model-served traffic. Weighting each outcome by its inverse makes
   * the two arms estimate the same population mean.
   */
  public double propensity(boolean holdout) {
    return holdout ? fraction : 1.0 - fraction;
  }

  /** The task's position in [0, 1): uniform over ids, fixed for a given id and salt. */
  double uniform(String taskId) {
    long h = FNV_OFFSET;
    for (int i = 0; i < taskId.length(); i++) {
      char c = taskId.charAt(i);
      h = (h ^ (c & 0xff)) * FNV_PRIME;
      h = (h ^ (c >>> 8)) * FNV_PRIME;
    }
    return (mix(h ^ mix(salt)) >>> 11) * UNIT;
  }

  /** SplitMix64's finalizer: every input bit affects every output bit. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
