package io.cellwork.benchmarks;

import io.cellwork.cells.serialization.CellworkSerializable;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.ShardingEnvelope;
import org.apache.pekko.cluster.sharding.typed.ShardingMessageExtractor;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;

/**
 * The baselines cells are measured against: the same sharding and the same journal, without the
 * router, admission, queues or group commit.
 */
final class Baselines {
  private Baselines() {}

  // ---- raw sharded messaging ----

  static final EntityTypeKey<Ping> RAW_ENTITY = EntityTypeKey.create(Ping.class, "RawEntity");

  record Ping(ActorRef<Pong> replyTo) implements CellworkSerializable {}

  enum Pong implements CellworkSerializable { INSTANCE }

  /** Answers every ping: the least an entity can do with a message. */
  static Behavior<Ping> rawEntity() {
    return Behaviors.receiveMessage(ping -> {
      ping.replyTo().tell(Pong.INSTANCE);
      return Behaviors.same();
    });
  }

  // ---- plain event sourcing ----

  static final EntityTypeKey<Append> RAW_JOURNAL = EntityTypeKey.create(Append.class, "RawJournal");

  record Append(String id, ActorRef<Appended> replyTo) implements CellworkSerializable {}

  record Appended(String id, long at) implements CellworkSerializable {}

  /** One event per command, acknowledged once it is journaled: Pekko's textbook entity. */
  static final class RawJournal extends EventSourcedBehavior<Append, Appended, Long> {
    RawJournal(String entityId) {
      super(PersistenceId.of(RAW_JOURNAL.name(), entityId));
    }

    @Override
    public Long emptyState() {
      return 0L;
    }

    @Override
    public CommandHandler<Append, Appended, Long> commandHandler() {
      return newCommandHandlerBuilder().forAnyState().onAnyCommand((count, append) ->
          Effect().persist(new Appended(append.id(), System.currentTimeMillis()))
              .thenRun(after -> append.replyTo().tell(new Appended(append.id(), after))));
    }

    @Override
    public EventHandler<Long, Appended> eventHandler() {
      return newEventHandlerBuilder().forAnyState().onAnyEvent((count, event) -> count + 1);
    }
  }

  /** One shard per entity, as for cells, so both spread over the same number of shards. */
  static final class ShardPerEntity<M> extends ShardingMessageExtractor<ShardingEnvelope<M>, M> {
    @Override
    public String entityId(ShardingEnvelope<M> envelope) {
      return envelope.entityId();
    }

    @Override
    public String shardId(String entityId) {
      return entityId;
    }

    @Override
    public M unwrapMessage(ShardingEnvelope<M> envelope) {
      return envelope.message();
    }
  }
}
