package io.cellwork.intelligence.guard;

import java.util.Optional;

/**
 * Decides from a stream of the primary model's errors whether the primary may answer. It keeps
 * the last {@code window-size} errors in a ring with a running sum and sum of squares, and bounds
 * their mean with a one-sided normal interval {@code mean ± z·s/√n}. It trips when the lower bound
 * is above {@code trip-threshold} (so noise around a good mean cannot trip it: the evidence must
 * say the error is high) and, while tripped, goes on scoring the primary in shadow; it closes
 * when at least {@code min-shadow-outcomes} have been seen since the trip and the upper bound is
 * below {@code recover-threshold}, a lower value, so a mean hovering at one threshold cannot make
 * it flap. The window is kept across transitions: recovering needs the bad errors to age out.
 *
 * <p>O(1) time per outcome and O(window) memory. Not thread-safe: one owner (the guard actor)
 * feeds it; others read what that owner publishes.
 */
public final class ModelGuard {
  /** The running sums are recomputed from the ring this often, so rounding cannot accumulate. */
  private static final int RESUM_EVERY_WINDOWS = 64;

  private final GuardSettings settings;
  private final double[] ring;
  private int next;
  private int filled;
  private double sum;
  private double sumOfSquares;
  private long outcomes;
  private long outcomesSinceResum;
  private long trippedAtOutcome;
  private GuardState state = GuardState.CLOSED;

  public ModelGuard(GuardSettings settings) {
    this.settings = settings;
    this.ring = new double[settings.windowSize()];
  }

  /**
   * Scores one outcome of the primary, in service or in shadow.
   *
   * @param primaryError the primary's loss on this outcome, finite and {@code >= 0}
   * @return the transition this outcome caused, if any
   */
  public Optional<GuardTransition> observe(double primaryError) {
    if (!(primaryError >= 0) || !Double.isFinite(primaryError)) {
      throw new IllegalArgumentException("error must be finite and >= 0, got " + primaryError);
    }
    push(primaryError);
    outcomes++;
    if (filled < settings.minSamples()) {
      return Optional.empty();
    }
    double mean = rollingError();
    double margin = settings.confidenceZ() * standardError(mean);
    if (state == GuardState.CLOSED) {
      double lower = mean - margin;
      if (lower > settings.tripThreshold()) {
        state = GuardState.TRIPPED;
        trippedAtOutcome = outcomes;
        return Optional.of(new GuardTransition(GuardState.CLOSED, GuardState.TRIPPED, outcomes, mean,
            lower, String.format("rolling error %.3f over %d outcomes, lower bound %.3f > trip threshold %.3f",
                mean, filled, lower, settings.tripThreshold())));
      }
    } else {
      double upper = mean + margin;
      long shadow = outcomes - trippedAtOutcome;
      if (shadow >= settings.minShadowOutcomes() && upper < settings.recoverThreshold()) {
        state = GuardState.CLOSED;
        return Optional.of(new GuardTransition(GuardState.TRIPPED, GuardState.CLOSED, outcomes, mean,
            upper, String.format("shadow error %.3f over %d outcomes (%d since trip), upper bound %.3f < recover threshold %.3f",
                mean, filled, shadow, upper, settings.recoverThreshold())));
      }
    }
    return Optional.empty();
  }

  public GuardState state() {
    return state;
  }

  /** Outcomes observed since creation, in service and in shadow. */
  public long outcomes() {
    return outcomes;
  }

  /** Mean error over the window, or 0 before any outcome. */
  public double rollingError() {
    return filled == 0 ? 0 : sum / filled;
  }

  /** Outcomes currently in the window. */
  public int samples() {
    return filled;
  }

  /** The lower confidence bound of the rolling mean (what a trip is decided on). */
  public double lowerBound() {
    double mean = rollingError();
    return mean - settings.confidenceZ() * standardError(mean);
  }

  /** The upper confidence bound of the rolling mean (what a close is decided on). */
  public double upperBound() {
    double mean = rollingError();
    return mean + settings.confidenceZ() * standardError(mean);
  }

  public GuardSettings settings() {
    return settings;
  }

  private void push(double error) {
    if (filled == ring.length) {
      double old = ring[next];
      sum -= old;
      sumOfSquares -= old * old;
    } else {
      filled++;
    }
    ring[next] = error;
    sum += error;
    sumOfSquares += error * error;
    next = (next + 1) % ring.length;
    if (++outcomesSinceResum >= (long) RESUM_EVERY_WINDOWS * ring.length) {
      resum();
    }
  }

  private void resum() {
    sum = 0;
    sumOfSquares = 0;
    for (int i = 0; i < filled; i++) {
      sum += ring[i];
      sumOfSquares += ring[i] * ring[i];
    }
    outcomesSinceResum = 0;
  }

  /** s/√n with the sample variance; 0 when there is no spread (or fewer than two outcomes). */
  private double standardError(double mean) {
    if (filled < 2) {
      return 0;
    }
    double variance = (sumOfSquares - filled * mean * mean) / (filled - 1);
    return variance > 0 ? Math.sqrt(variance / filled) : 0;
  }
}
