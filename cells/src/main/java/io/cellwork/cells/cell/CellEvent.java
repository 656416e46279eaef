package io.cellwork.cells.cell;

import io.cellwork.cells.ledger.AccountId;
import io.cellwork.cells.serialization.CellworkSerializable;
import io.cellwork.cells.task.TaskSpec;
import io.cellwork.cells.task.TaskStatus;
import java.util.Map;

/**
 * What a cell's journal records. Every event carries the wall-clock time it was decided at, so
 * that replay never consults the clock and rebuilds exactly the same state.
 */
public sealed interface CellEvent extends CellworkSerializable {

  /** A durable task entered the cell; from now on it is run until it ends. */
  record TaskAccepted(TaskSpec task, long at) implements CellEvent {}

  /** A task ended without moving money (any kind but the ledger's successful paths). */
  record TaskFinished(String taskId, TaskStatus status, Map<String, Object> result, String error, long at)
      implements CellEvent {
    public TaskFinished {
      result = result == null ? Map.of() : Map.copyOf(result);
    }
  }

  /**
   * A durable task that was accepted and finished before its acceptance reached the journal:
   * one event with the effect of {@link TaskAccepted} followed by {@link TaskFinished}.
   */
  record TaskAcceptedAndFinished(
      TaskSpec task, long acceptedAt, TaskStatus status, Map<String, Object> result, String error, long finishedAt)
      implements CellEvent {
    public TaskAcceptedAndFinished {
      result = result == null ? Map.of() : Map.copyOf(result);
    }
  }

  /** A deposit task completed: the account grew by {@code amount}. */
  record FundsDeposited(String taskId, AccountId account, long amount, long at) implements CellEvent {}

  /** A withdrawal task completed: the account shrank by {@code amount}, never below zero. */
  record FundsWithdrawn(String taskId, AccountId account, long amount, long at) implements CellEvent {}

  /**
   * Step one of a transfer saga: the source account is debited and the money is in flight until
   * the target cell credits or refuses it. {@code transferSeq} numbers this cell's outgoing
   * transfers so that target cells can deduplicate retries exactly.
   */
  record TransferDebited(
      String taskId,
      AccountId from,
      AccountId to,
      long amount,
      int targetCell,
      long transferSeq,
      long at)
      implements CellEvent {}

  /** The target cell credited the money: the transfer task is done. */
  record TransferSettled(String taskId, long at) implements CellEvent {}

  /** The target cell refused the credit: the money returns to the source and the task fails. */
  record TransferRefunded(String taskId, String reason, long at) implements CellEvent {}

  /**
   * This cell credited an incoming transfer. {@code sourceWatermark} is the source cell's lowest
   * unsettled transfer number at sending time: anything below it will never be sent again.
   */
  record CreditApplied(int sourceCell, long transferSeq, AccountId to, long amount, long sourceWatermark, long at)
      implements CellEvent {}

  /** This cell refused an incoming transfer for good (the source gave up waiting). */
  record CreditRefused(int sourceCell, long transferSeq, long sourceWatermark, long at) implements CellEvent {}

  /** Finished tasks older than {@code cutoff} leave the idempotency window. */
  record RetentionSwept(long cutoff) implements CellEvent {}
}
