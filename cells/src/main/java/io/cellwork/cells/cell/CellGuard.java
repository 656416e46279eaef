package io.cellwork.cells.cell;

import io.cellwork.cells.task.TaskSpec;
import io.cellwork.killswitch.KillSwitch;
import io.cellwork.killswitch.KillSwitchView;
import io.cellwork.killswitch.Mode;
import io.cellwork.killswitch.Scope;
import io.cellwork.killswitch.TaskTarget;
import io.cellwork.killswitch.breaker.BreakerStatus;
import io.cellwork.killswitch.breaker.CellBreaker;
import io.cellwork.killswitch.replication.KillSwitchRegistry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * What may stop a cell's work: the kill switches covering it (read lock-free from the node's
 * board) and its own circuit breaker. When the breaker opens, a {@code cell:<n>} switch is
 * engaged for the whole cluster, so every node refuses new work for this cell at once; it is
 * released when the breaker starts probing again. Not thread-safe: owned by the cell actor.
 */
final class CellGuard {
  private final int cellId;
  private final String nodeAddress;
  private final CellEnvironment env;
  private final CellBreaker breaker;
  private final ActorRef<KillSwitchRegistry.Engaged> engagedReplies;
  private String breakerSwitch;
  private boolean engaging;
  private boolean releaseOnceEngaged;

  CellGuard(int cellId, String nodeAddress, CellEnvironment env, ActorRef<KillSwitchRegistry.Engaged> engagedReplies) {
    this.cellId = cellId;
    this.nodeAddress = nodeAddress;
    this.env = env;
    this.engagedReplies = engagedReplies;
    this.breaker = new CellBreaker("cell-" + cellId, env.breakerSettings(), env.clock(), this::onTransition);
  }

  /** The most severe engaged switch covering the task; a single volatile read when none is. */
  KillSwitch covering(TaskSpec task) {
    KillSwitchView view = env.killSwitches().view();
    if (view.isEmpty()) {
      return null;
    }
    return view.covering(target(task), env.clock().millis());
  }

  /**
   * For each engaged drain switch, how many of the cell's open (queued or running) tasks it
   * covers: what is left before its scope is drained here.
   */
  Map<String, Integer> draining(Supplier<List<TaskSpec>> openTasks) {
    KillSwitchView view = env.killSwitches().view();
    if (view.isEmpty()) {
      return Map.of();
    }
    long now = env.clock().millis();
    List<TaskSpec> open = null;
    Map<String, Integer> pending = new HashMap<>();
    for (KillSwitch s : view.all()) {
      if (s.mode() == Mode.DRAIN && s.isActiveAt(now)) {
        open = open != null ? open : openTasks.get();
        int covered = 0;
        for (TaskSpec task : open) {
          covered += s.scope().covers(target(task)) ? 1 : 0;
        }
        pending.put(s.id(), covered);
      }
    }
    return pending;
  }

  private TaskTarget target(TaskSpec task) {
    return new TaskTarget(nodeAddress, cellId, task.tenant(), task.kind());
  }

  /** A switch that cancels the task's queued or running work (a hard stop), or null. */
  KillSwitch stopping(TaskSpec task) {
    KillSwitch covering = covering(task);
    return covering != null && covering.mode().cancelsQueuedWork() ? covering : null;
  }

  /** Whether one more task may start; a yes holds a breaker permission until the call ends. */
  boolean mayStart() {
    return breaker.tryAcquire();
  }

  /** Returns a permission that no work call used (the task expired, was killed, was ledger work). */
  void unused() {
    breaker.release();
  }

  void succeeded(long nanos) {
    breaker.succeeded(nanos);
  }

  void failed(long nanos, String error) {
    breaker.failed(nanos, error);
  }

  /** Lets an open breaker move to half-open when its wait is over. */
  void poll() {
    breaker.poll();
  }

  BreakerStatus breakerStatus() {
    return breaker.status();
  }

  void setBreaker(boolean open) {
    if (open) {
      breaker.forceOpen();
    } else {
      breaker.close();
    }
  }

  void onSwitchEngaged(String switchId) {
    engaging = false;
    breakerSwitch = switchId;
    if (releaseOnceEngaged) {
      releaseOnceEngaged = false;
      releaseSwitch();
    }
  }

  private void onTransition(CellBreaker.Transition transition) {
    if (breaker.isOpen()) {
      engageSwitch(transition);
    } else {
      releaseSwitch();
    }
  }

  private void engageSwitch(CellBreaker.Transition transition) {
    if (env.killSwitchRegistry() == null || breakerSwitch != null || engaging) {
      return;
    }
    BreakerStatus status = transition.status();
    String reason = String.format("breaker %s: %.0f%% failed, %.0f%% slow of the last %d calls",
        transition.to(), Math.max(0, status.failureRate()), Math.max(0, status.slowCallRate()), status.calls());
    env.killSwitchRegistry().tell(new KillSwitchRegistry.Engage(
        new Scope.Cell(cellId), Mode.REJECT_NEW, reason, "breaker:cell-" + cellId, KillSwitch.NO_TTL, engagedReplies));
    engaging = true;
  }

  private void releaseSwitch() {
    if (engaging) {
      releaseOnceEngaged = true;
      return;
    }
    if (breakerSwitch != null && env.killSwitchRegistry() != null) {
      env.killSwitchRegistry().tell(
          new KillSwitchRegistry.Release(breakerSwitch, "breaker:cell-" + cellId, env.ignoreReleased()));
      breakerSwitch = null;
    }
  }
}
