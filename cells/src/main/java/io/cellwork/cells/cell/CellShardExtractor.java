package io.cellwork.cells.cell;

import org.apache.pekko.cluster.sharding.typed.ShardingEnvelope;
import org.apache.pekko.cluster.sharding.typed.ShardingMessageExtractor;

/**
 * One shard per cell: the cell is the unit of placement, so Cluster Sharding moves and
 * rebalances single cells rather than groups that happen to share a hash bucket.
 */
public final class CellShardExtractor extends ShardingMessageExtractor<ShardingEnvelope<Cell.Command>, Cell.Command> {

  @Override
  public String entityId(ShardingEnvelope<Cell.Command> envelope) {
    return envelope.entityId();
  }

  @Override
  public String shardId(String entityId) {
    return entityId;
  }

  @Override
  public Cell.Command unwrapMessage(ShardingEnvelope<Cell.Command> envelope) {
    return envelope.message();
  }
}
