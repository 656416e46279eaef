package io.cellwork.cells.cell;

import io.cellwork.cells.cell.CellEvent.CreditApplied;
import io.cellwork.cells.cell.CellEvent.CreditRefused;
import io.cellwork.cells.cell.CellEvent.FundsDeposited;
import io.cellwork.cells.cell.CellEvent.FundsWithdrawn;
import io.cellwork.cells.cell.CellEvent.RetentionSwept;
import io.cellwork.cells.cell.CellEvent.TaskAccepted;
import io.cellwork.cells.cell.CellEvent.TaskAcceptedAndFinished;
import io.cellwork.cells.cell.CellEvent.TaskFinished;
import io.cellwork.cells.cell.CellEvent.TransferDebited;
import io.cellwork.cells.cell.CellEvent.TransferRefunded;
import io.cellwork.cells.cell.CellEvent.TransferSettled;
import io.cellwork.cells.ledger.AccountId;
import io.cellwork.cells.task.TaskStatus;
import java.util.Map;
import org.pcollections.HashTreePMap;
import org.pcollections.PMap;
import org.pcollections.PSortedMap;
import org.pcollections.TreePMap;

/**
 * The durable state of one cell: its tasks within the idempotency window, its accounts, the
 * transfers it has in flight and what it knows of transfers coming in. Immutable; {@link
 * #apply(CellEvent)} is the only way it changes, and it is a pure function of the events, so
 * replay rebuilds it exactly. Persistent collections keep each step O(log n).
 *
 * @param finishOrder finished task ids by the order they finished, for the retention sweep
 * @param finishedCount how many tasks ever finished here; the next key of {@code finishOrder}
 * @param openTransferSeqs open transfers by number, so the watermark is the first key
 */
public record CellState(
    PMap<String, TaskRecord> tasks,
    PSortedMap<Long, String> finishOrder,
    long finishedCount,
    PMap<AccountId, Long> balances,
    PMap<String, OpenTransfer> openTransfers,
    PSortedMap<Long, String> openTransferSeqs,
    long nextTransferSeq,
    PMap<Integer, InboundCredits> inbound) {

  public static final CellState EMPTY =
      new CellState(
          HashTreePMap.empty(),
          TreePMap.empty(),
          0,
          HashTreePMap.empty(),
          HashTreePMap.empty(),
          TreePMap.empty(),
          0,
          HashTreePMap.empty());

  public TaskRecord task(String taskId) {
    return tasks.get(taskId);
  }

  public long balance(AccountId account) {
    return balances.getOrDefault(account, 0L);
  }

  /** The lowest transfer number this cell may still send; everything below is settled. */
  public long transferWatermark() {
    return openTransferSeqs.isEmpty() ? nextTransferSeq : openTransferSeqs.firstKey();
  }

  InboundCredits inboundFrom(int sourceCell) {
    return inbound.getOrDefault(sourceCell, InboundCredits.EMPTY);
  }

  public CellState apply(CellEvent event) {
    if (event instanceof TaskAccepted e) {
      return withTask(TaskRecord.accepted(e.task(), e.at()));
    } else if (event instanceof TaskFinished e) {
      return finish(e.taskId(), e.status(), e.result(), e.error(), e.at());
    } else if (event instanceof TaskAcceptedAndFinished e) {
      return withTask(TaskRecord.accepted(e.task(), e.acceptedAt()))
          .finish(e.task().id(), e.status(), e.result(), e.error(), e.finishedAt());
    } else if (event instanceof FundsDeposited e) {
      return withBalance(e.account(), balance(e.account()) + e.amount())
          .finish(e.taskId(), TaskStatus.DONE, Map.of("balance", balance(e.account()) + e.amount()), null, e.at());
    } else if (event instanceof FundsWithdrawn e) {
      return withBalance(e.account(), balance(e.account()) - e.amount())
          .finish(e.taskId(), TaskStatus.DONE, Map.of("balance", balance(e.account()) - e.amount()), null, e.at());
    } else if (event instanceof TransferDebited e) {
      return onDebited(e);
    } else if (event instanceof TransferSettled e) {
      OpenTransfer transfer = openTransfers.get(e.taskId());
      return withoutOpenTransfer(transfer)
          .finish(e.taskId(), TaskStatus.DONE, transferResult(transfer), null, e.at());
    } else if (event instanceof TransferRefunded e) {
      OpenTransfer transfer = openTransfers.get(e.taskId());
      return withoutOpenTransfer(transfer)
          .withBalance(transfer.from(), balance(transfer.from()) + transfer.amount())
          .finish(e.taskId(), TaskStatus.FAILED, Map.of(), e.reason(), e.at());
    } else if (event instanceof CreditApplied e) {
      return withBalance(e.to(), balance(e.to()) + e.amount())
          .withInbound(e.sourceCell(), inboundFrom(e.sourceCell()).settle(e.transferSeq(), true, e.sourceWatermark()));
    } else if (event instanceof CreditRefused e) {
      return withInbound(
          e.sourceCell(), inboundFrom(e.sourceCell()).settle(e.transferSeq(), false, e.sourceWatermark()));
    } else if (event instanceof RetentionSwept e) {
      return sweptBefore(e.cutoff());
    }
    throw new IllegalArgumentException("unknown event " + event.getClass().getName());
  }

  private CellState onDebited(TransferDebited e) {
    TaskRecord task = tasks.get(e.taskId());
    OpenTransfer transfer =
        new OpenTransfer(
            e.taskId(), e.from(), e.to(), e.amount(), e.targetCell(), e.transferSeq(), e.at(),
            giveUpAt(task, e.at()));
    return new CellState(
            tasks.plus(e.taskId(), task.running()),
            finishOrder,
            finishedCount,
            balances,
            openTransfers.plus(e.taskId(), transfer),
            openTransferSeqs.plus(e.transferSeq(), e.taskId()),
            Math.max(nextTransferSeq, e.transferSeq() + 1),
            inbound)
        .withBalance(e.from(), balance(e.from()) - e.amount());
  }

  /**
   * A transfer gives up on its target at the task's deadline, if it has one; without a deadline
   * it keeps asking until the target answers (Long.MAX_VALUE).
   */
  private static long giveUpAt(TaskRecord task, long debitedAt) {
    return task.spec().hasDeadline() ? Math.max(task.startDeadline(), debitedAt) : Long.MAX_VALUE;
  }

  private static Map<String, Object> transferResult(OpenTransfer transfer) {
    return Map.of("amount", transfer.amount(), "to", transfer.to().key());
  }

  private CellState withTask(TaskRecord record) {
    return new CellState(
        tasks.plus(record.id(), record), finishOrder, finishedCount, balances, openTransfers,
        openTransferSeqs, nextTransferSeq, inbound);
  }

  private CellState finish(String taskId, TaskStatus status, Map<String, Object> result, String error, long at) {
    TaskRecord finished = tasks.get(taskId).finished(status, result, error, at);
    return new CellState(
        tasks.plus(taskId, finished),
        finishOrder.plus(finishedCount, taskId),
        finishedCount + 1,
        balances,
        openTransfers,
        openTransferSeqs,
        nextTransferSeq,
        inbound);
  }

  private CellState withBalance(AccountId account, long balance) {
    return new CellState(
        tasks, finishOrder, finishedCount, balances.plus(account, balance), openTransfers,
        openTransferSeqs, nextTransferSeq, inbound);
  }

  private CellState withoutOpenTransfer(OpenTransfer transfer) {
    return new CellState(
        tasks, finishOrder, finishedCount, balances, openTransfers.minus(transfer.taskId()),
        openTransferSeqs.minus(transfer.transferSeq()), nextTransferSeq, inbound);
  }

  private CellState withInbound(int sourceCell, InboundCredits credits) {
    return new CellState(
        tasks, finishOrder, finishedCount, balances, openTransfers, openTransferSeqs,
        nextTransferSeq, inbound.plus(sourceCell, credits));
  }

  private CellState sweptBefore(long cutoff) {
    PMap<String, TaskRecord> remaining = tasks;
    PSortedMap<Long, String> order = finishOrder;
    while (!order.isEmpty()) {
      Map.Entry<Long, String> oldest = order.firstEntry();
      TaskRecord record = remaining.get(oldest.getValue());
      if (record != null && record.finishedAt() >= cutoff) {
        break;
      }
      remaining = remaining.minus(oldest.getValue());
      order = order.minusFirstEntry();
    }
    return new CellState(
        remaining, order, finishedCount, balances, openTransfers, openTransferSeqs,
        nextTransferSeq, inbound);
  }

  /**
   * The retention cutoff that keeps at most {@code max} finished tasks: the finish time of the
   * oldest one that stays ({@code Long.MIN_VALUE} when there are no more than {@code max}).
   * Tasks finished in the same millisecond as that one stay too.
   */
  public long cutoffKeeping(int max) {
    if (finishOrder.size() <= max) {
      return Long.MIN_VALUE;
    }
    Map.Entry<Long, String> oldestKept = finishOrder.ceilingEntry(finishOrder.lastKey() - max + 1);
    TaskRecord record = tasks.get(oldestKept.getValue());
    return record == null ? Long.MIN_VALUE : record.finishedAt();
  }

  /** Whether a {@link RetentionSwept} at {@code cutoff} would forget anything. */
  public boolean hasFinishedBefore(long cutoff) {
    if (finishOrder.isEmpty()) {
      return false;
    }
    TaskRecord oldest = tasks.get(finishOrder.firstEntry().getValue());
    return oldest == null || oldest.finishedAt() < cutoff;
  }
}
