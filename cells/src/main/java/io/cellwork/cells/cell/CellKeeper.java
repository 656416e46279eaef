package io.cellwork.cells.cell;

import java.time.Duration;
import io.cellwork.cells.serialization.CellworkSerializable;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Keeps every cell running. Sharding starts an entity only when a message reaches it, but a cell
 * that moved after a crash has journaled work to resume even if nobody writes to it. Waking all
 * cells periodically from every node costs {@code cells} tiny messages per interval and needs no
 * extra store (unlike remember-entities); the interval bounds how long resumption waits.
 *
 * <p>It must stop before sharding hands its shards off at shutdown: wake-ups sent during the
 * hand-off would be buffered by the region and hold the shutdown up.
 */
public final class CellKeeper {

  public sealed interface Command extends CellworkSerializable {}

  private enum Tick implements Command { INSTANCE }

  /** Stop waking cells; replies once no further wake-up will be sent. */
  public record Stop(ActorRef<Done> replyTo) implements Command {}

  private CellKeeper() {}

  public static Behavior<Command> create(CellDirectory directory, int cells, Duration interval) {
    return Behaviors.withTimers(timers -> {
      timers.startTimerAtFixedRate(Tick.INSTANCE, Duration.ZERO, interval);
      return Behaviors.receive(Command.class)
          .onMessageEquals(Tick.INSTANCE, () -> {
            for (int cell = 0; cell < cells; cell++) {
              directory.tell(cell, Cell.WakeUp.INSTANCE);
            }
            return Behaviors.same();
          })
          .onMessage(Stop.class, stop -> {
            stop.replyTo().tell(Done.getInstance());
            return Behaviors.stopped();
          })
          .build();
    });
  }
}
