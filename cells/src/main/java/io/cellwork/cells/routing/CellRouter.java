package io.cellwork.cells.routing;

import io.cellwork.cells.hash.StableHash;

/**
 * Maps {@code (tenant, key)} to one of N cells. Every node builds the same router from the same
 * {@link RouterSettings}, so every node routes the same way without talking to the others.
 * Immutable and thread-safe.
 */
public final class CellRouter {
  private final HashRing ring;

  public CellRouter(RouterSettings settings) {
    this.ring = new HashRing(settings.cells(), settings.virtualNodesPerCell());
  }

  public int cellFor(String tenant, String key) {
    return ring.ownerOf(StableHash.of(tenant, key));
  }

  public int cells() {
    return ring.cells();
  }
}
