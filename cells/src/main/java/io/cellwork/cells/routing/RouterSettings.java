package io.cellwork.cells.routing;

import com.typesafe.config.Config;

/** {@code cellwork.cells.router}: how many cells there are and how finely the ring is cut. */
public record RouterSettings(int cells, int virtualNodesPerCell) {

  public RouterSettings {
    if (cells < 1) {
      throw new IllegalArgumentException("cells must be at least 1, was " + cells);
    }
    if (virtualNodesPerCell < 1) {
      throw new IllegalArgumentException("virtual-nodes-per-cell must be at least 1");
    }
  }

  public static RouterSettings fromConfig(Config router) {
    return new RouterSettings(router.getInt("cells"), router.getInt("virtual-nodes-per-cell"));
  }
}
