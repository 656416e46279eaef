package io.cellwork.cells.cell;

import java.time.Duration;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Keeps every cell running. Sharding starts an entity only when a message reaches it, but a cell
 * that moved after a crash has journaled work to resume even if nobody writes to it. Waking all
 * cells periodically from every node costs {@code cells} tiny messages per interval and needs no
 * extra store (unlike remember-entities); the interval bounds how long resumption waits.
 */
public final class CellKeeper {
  enum Tick { INSTANCE }

  private CellKeeper() {}

  public static Behavior<?> create(CellDirectory directory, int cells, Duration interval) {
    return Behaviors.<Tick>withTimers(timers -> {
      timers.startTimerAtFixedRate(Tick.INSTANCE, Duration.ZERO, interval);
      return Behaviors.receiveMessage(tick -> {
        for (int cell = 0; cell < cells; cell++) {
          directory.tell(cell, Cell.WakeUp.INSTANCE);
        }
        return Behaviors.same();
      });
    });
  }
}
