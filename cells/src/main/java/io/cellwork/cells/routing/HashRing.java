package io.cellwork.cells.routing;

import io.cellwork.cells.hash.StableHash;
import java.util.Arrays;

/**
 * Consistent hashing with virtual nodes: each cell owns {@code virtualNodes} points on a 64-bit
 * ring and a hash belongs to the first point at or after it (wrapping). Changing the number of
 * cells moves only about 1/N of the keys; more virtual nodes flatten the spread (the fullest
 * cell's excess over the mean shrinks roughly as 1/sqrt(virtualNodes)).
 *
 * <p>Lookup is a binary search over {@code cells * virtualNodes} points: O(log n), no allocation.
 * Immutable and thread-safe; every JVM builds the identical ring from the same two numbers.
 */
public final class HashRing {
  private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

  private final long[] points;
  private final int[] owners;
  private final int cells;

  public HashRing(int cells, int virtualNodes) {
    if (cells < 1 || virtualNodes < 1) {
      throw new IllegalArgumentException("cells and virtual nodes must be at least 1");
    }
    this.cells = cells;
    int n = cells * virtualNodes;
    long[] unsortedPoints = new long[n];
    for (int cell = 0; cell < cells; cell++) {
      for (int v = 0; v < virtualNodes; v++) {
        int i = cell * virtualNodes + v;
        unsortedPoints[i] = pointOf(cell, v);
      }
    }
    // Sort point indexes by point value; ties (astronomically unlikely) break by index.
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> {
      int byPoint = Long.compare(unsortedPoints[a], unsortedPoints[b]);
      return byPoint != 0 ? byPoint : Integer.compare(a, b);
    });
    this.points = new long[n];
    this.owners = new int[n];
    for (int i = 0; i < n; i++) {
      points[i] = unsortedPoints[order[i]];
      owners[i] = order[i] / virtualNodes;
    }
  }

  public int cells() {
    return cells;
  }

  /** The cell owning {@code hash}: the owner of the first ring point at or after it. */
  public int ownerOf(long hash) {
    int i = Arrays.binarySearch(points, hash);
    if (i < 0) {
      i = -i - 1;
    }
    return owners[i == points.length ? 0 : i];
  }

  private static long pointOf(int cell, int virtualNode) {
    return StableHash.mix(StableHash.mix(cell * GOLDEN_GAMMA + 1) + virtualNode * GOLDEN_GAMMA);
  }
}
