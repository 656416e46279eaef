package io.cellwork.intelligence.drift;

/**
 * Page-Hinkley change detector for the mean of a stream (e.g. the model's error). It accumulates
 * the deviations of each value from the running mean, less a tolerance {@code delta}, and alarms
 * when the cumulative sum has risen more than {@code threshold} above its running minimum (mean
 * went up) or fallen more than {@code threshold} below its running maximum (mean went down).
 * {@code delta} is the size of change considered noise, {@code threshold} trades detection delay
 * for false alarms (both in the stream's units). After an alarm it resets itself, so the next
 * change is measured from the new level.
 *
 * <p>O(1) time and memory per value. Not thread-safe: one owner feeds it.
 */
public final class PageHinkley {
  private final double delta;
  private final double threshold;
  private long n;
  private double mean;
  private double sumUp;
  private double minUp;
  private double sumDown;
  private double maxDown;

  public PageHinkley(double delta, double threshold) {
    if (!(delta >= 0)) {
      throw new IllegalArgumentException("delta must be >= 0, was " + delta);
    }
    if (!(threshold > 0)) {
      throw new IllegalArgumentException("threshold must be > 0, was " + threshold);
    }
    this.delta = delta;
    this.threshold = threshold;
  }

  /** Adds a value; true when it completes a detected change in mean (the detector then resets). */
  public boolean add(double x) {
    if (!Double.isFinite(x)) {
      return false;
    }
    n++;
    mean += (x - mean) / n;
    sumUp += x - mean - delta;
    minUp = Math.min(minUp, sumUp);
    sumDown += x - mean + delta;
    maxDown = Math.max(maxDown, sumDown);
    boolean changed = sumUp - minUp > threshold || maxDown - sumDown > threshold;
    if (changed) {
      reset();
    }
    return changed;
  }

  public void reset() {
    n = 0;
    mean = 0;
    sumUp = 0;
    minUp = 0;
    sumDown = 0;
    maxDown = 0;
  }

  /** Values since the last reset. */
  public long count() {
    return n;
  }
}
