package io.cellwork.cells.cell;

import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;

/** Reaches cells through Cluster Sharding, wherever they currently live. Thread-safe. */
public final class ShardedCellDirectory implements CellDirectory {
  private final EntityRef<Cell.Command>[] refs;

  @SuppressWarnings("unchecked")
  public ShardedCellDirectory(ClusterSharding sharding, int cells) {
    refs = new EntityRef[cells];
    for (int cell = 0; cell < cells; cell++) {
      refs[cell] = sharding.entityRefFor(Cell.ENTITY_KEY, Integer.toString(cell));
    }
  }

  @Override
  public void tell(int cell, Cell.Command message) {
    refs[cell].tell(message);
  }

  public EntityRef<Cell.Command> ref(int cell) {
    return refs[cell];
  }

  public int cells() {
    return refs.length;
  }
}
