package io.cellwork.cells.cell;

import java.util.concurrent.atomic.AtomicReferenceArray;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;

/**
 * Reaches cells through Cluster Sharding, wherever they currently live. References are made on
 * first use: the cells need this directory before sharding has started their region. Thread-safe.
 */
public final class ShardedCellDirectory implements CellDirectory {
  private final ClusterSharding sharding;
  private final AtomicReferenceArray<EntityRef<Cell.Command>> refs;

  public ShardedCellDirectory(ClusterSharding sharding, int cells) {
    this.sharding = sharding;
    this.refs = new AtomicReferenceArray<>(cells);
  }

  @Override
  public void tell(int cell, Cell.Command message) {
    ref(cell).tell(message);
  }

  public EntityRef<Cell.Command> ref(int cell) {
    EntityRef<Cell.Command> ref = refs.get(cell);
    if (ref == null) {
      ref = sharding.entityRefFor(Cell.ENTITY_KEY, Integer.toString(cell));
      refs.set(cell, ref); // a race creates two equivalent refs; either is fine
    }
    return ref;
  }

  public int cells() {
    return refs.length();
  }
}
