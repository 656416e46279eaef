package io.cellwork.intelligence.drift;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * ADWIN, the adaptive sliding window of Bifet and Gavaldà (2007): it keeps the longest recent
 * window whose mean is consistent with being constant, and cuts the older part off as soon as
 * some split into an older and a newer part has means further apart than
 * {@code ε = sqrt(2 m v ln(2 ln W / δ)) + (2/3) m ln(2 ln W / δ)} (W the window width, v its
 * variance, m = 1/n0 + 1/n1). The window thus grows while the stream is stationary (precise mean)
 * and shrinks at a change (fast to adapt), without a window size to tune; {@code delta} bounds the
 * chance of a false cut per check. The window is stored as an exponential histogram: at most
 * {@value #BUCKETS_PER_LEVEL} buckets of 2^i values per level i, each with count, mean and sum of
 * squared deviations, so the memory and the check are O(log W).
 *
 * <p>O(1) amortized per value plus an O(log W) check every {@value #CHECK_EVERY} values. Not
 * thread-safe: one owner feeds it.
 */
public final class Adwin {
  /** Buckets per level before the two oldest are merged into one of the next level. */
  static final int BUCKETS_PER_LEVEL = 5;
  /** Cut points are checked once per this many values: the cuts are the same, the cost 1/32. */
  static final int CHECK_EVERY = 32;
  /** Neither side of a cut may hold fewer values than this: a mean of 4 values proves nothing. */
  static final int MIN_SIDE = 5;

  private final double delta;
  private final List<ArrayDeque<Bucket>> levels = new ArrayList<>();
  private long width;
  private double mean;
  private double m2;
  private long sinceCheck;

  /** A run of consecutive values: how many, their mean and their sum of squared deviations. */
  private record Bucket(long n, double mean, double m2) {
    Bucket merge(Bucket older) {
      long total = n + older.n;
      double d = mean - older.mean;
      return new Bucket(total, (n * mean + older.n * older.mean) / total, m2 + older.m2 + d * d * n * older.n / total);
    }
  }

  public Adwin(double delta) {
    if (!(delta > 0 && delta < 1)) {
      throw new IllegalArgumentException("delta must be in (0, 1), was " + delta);
    }
    this.delta = delta;
  }

  /** Adds a value; true when it led to a cut, i.e. the mean changed. */
  public boolean add(double x) {
    if (!Double.isFinite(x)) {
      return false;
    }
    width++;
    double d = x - mean;
    mean += d / width;
    m2 += d * (x - mean);
    insert(new Bucket(1, x, 0), 0);
    if (++sinceCheck < CHECK_EVERY) {
      return false;
    }
    sinceCheck = 0;
    boolean cut = false;
    while (cutOldest()) {
      cut = true;
    }
    return cut;
  }

  /** Values in the current window. */
  public long width() {
    return width;
  }

  /** Mean of the current window. */
  public double mean() {
    return mean;
  }

  private void insert(Bucket bucket, int level) {
    if (levels.size() == level) {
      levels.add(new ArrayDeque<>());
    }
    ArrayDeque<Bucket> row = levels.get(level);
    row.addFirst(bucket);
    if (row.size() > BUCKETS_PER_LEVEL) {
      Bucket oldest = row.removeLast();
      Bucket secondOldest = row.removeLast();
      insert(secondOldest.merge(oldest), level + 1);
    }
  }

  /** Looks for a split with significantly different means; if found, drops the oldest bucket. */
  private boolean cutOldest() {
    if (width < 2L * MIN_SIDE) {
      return false;
    }
    double variance = m2 / width;
    double dd = Math.log(2 * Math.log(width) / delta);
    long n0 = 0;
    double sum0 = 0;
    double total = mean * width;
    for (int level = levels.size() - 1; level >= 0; level--) {
      Iterator<Bucket> oldestFirst = levels.get(level).descendingIterator();
      while (oldestFirst.hasNext()) {
        Bucket bucket = oldestFirst.next();
        n0 += bucket.n();
        sum0 += bucket.n() * bucket.mean();
        long n1 = width - n0;
        if (n0 < MIN_SIDE || n1 < MIN_SIDE) {
          continue;
        }
        double m = 1.0 / n0 + 1.0 / n1;
        double epsilon = Math.sqrt(2 * m * variance * dd) + 2.0 / 3 * dd * m;
        if (Math.abs(sum0 / n0 - (total - sum0) / n1) > epsilon) {
          dropOldest();
          return true;
        }
      }
    }
    return false;
  }

  private void dropOldest() {
    ArrayDeque<Bucket> row = levels.get(levels.size() - 1);
    Bucket oldest = row.removeLast();
    if (row.isEmpty()) {
      levels.remove(levels.size() - 1);
    }
    long rest = width - oldest.n();
    if (rest == 0) {
      width = 0;
      mean = 0;
      m2 = 0;
      return;
    }
    double restMean = (width * mean - oldest.n() * oldest.mean()) / rest;
    double d = oldest.mean() - restMean;
    m2 = Math.max(0, m2 - oldest.m2() - d * d * oldest.n() * rest / width);
    mean = restMean;
    width = rest;
  }
}
