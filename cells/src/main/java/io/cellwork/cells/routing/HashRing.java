package io.cellwork.cells.routing;

import io.cellwork.cells.hash.StableHash;
import java.util.Arrays;

/**
 * Consistent hashing with virtual nodes: each cell owns {@code virtualNodes} points on a 64-bit
 * ring and a hash belongs to the first point at or after it (wrapping). Changing the number of
 * cells moves only about 1/N of the keys; more virtual nodes flatten the spread (the fullest
 * cell's excess over the mean shrinks roughly as 1/sqrt(virtualNodes)).
 *
 * <p>Points are kept in unsigned order with a directory of where each of the 2^16 top-bit
 * buckets starts, so a lookup is a binary search over the handful of points in one bucket
 * rather than over the whole ring: O(1) expected, a cache line or two, no allocation.
 * Immutable and thread-safe; every JVM builds the identical ring from the same two numbers.
 */
public final class HashRing {
  private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;
  private static final int BUCKET_BITS = 16;

  /** Points with the sign bit flipped, so that signed order is the points' unsigned order. */
  private final long[] points;
  private final int[] owners;
  /** {@code bucketStart[b]}: index of the first point whose top 16 bits are at least {@code b}. */
  private final int[] bucketStart;
  private final int cells;

  public HashRing(int cells, int virtualNodes) {
    if (cells < 1 || virtualNodes < 1) {
      throw new IllegalArgumentException("cells and virtual nodes must be at least 1");
    }
    this.cells = cells;
    int n = cells * virtualNodes;
    long[] keys = new long[n];
    for (int cell = 0; cell < cells; cell++) {
      for (int v = 0; v < virtualNodes; v++) {
        keys[cell * virtualNodes + v] = pointOf(cell, v) ^ Long.MIN_VALUE;
      }
    }
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    // ties (astronomically unlikely) break by index, so every JVM sorts alike
    Arrays.sort(order, (a, b) -> {
      int byPoint = Long.compare(keys[a], keys[b]);
      return byPoint != 0 ? byPoint : Integer.compare(a, b);
    });
    this.points = new long[n];
    this.owners = new int[n];
    for (int i = 0; i < n; i++) {
      points[i] = keys[order[i]];
      owners[i] = order[i] / virtualNodes;
    }
    this.bucketStart = new int[(1 << BUCKET_BITS) + 1];
    int p = 0;
    for (int b = 0; b < (1 << BUCKET_BITS); b++) {
      while (p < n && bucketOf(points[p] ^ Long.MIN_VALUE) < b) {
        p++;
      }
      bucketStart[b] = p;
    }
    bucketStart[1 << BUCKET_BITS] = n;
  }

  public int cells() {
    return cells;
  }

  /** The cell owning {@code hash}: the owner of the first ring point at or after it. */
  public int ownerOf(long hash) {
    int bucket = bucketOf(hash);
    int from = bucketStart[bucket];
    int to = bucketStart[bucket + 1];
    int i = Arrays.binarySearch(points, from, to, hash ^ Long.MIN_VALUE);
    if (i < 0) {
      i = -i - 1; // first point above the hash; may be the next bucket's first, or past the end
    }
    return owners[i == points.length ? 0 : i];
  }

  private static int bucketOf(long hash) {
    return (int) (hash >>> (Long.SIZE - BUCKET_BITS));
  }

  private static long pointOf(int cell, int virtualNode) {
    return StableHash.mix(StableHash.mix(cell * GOLDEN_GAMMA + 1) + virtualNode * GOLDEN_GAMMA);
  }
}
