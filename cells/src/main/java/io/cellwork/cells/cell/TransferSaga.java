package io.cellwork.cells.cell;

import io.cellwork.cells.cell.CellEvent.CreditApplied;
import io.cellwork.cells.cell.CellEvent.CreditRefused;
import io.cellwork.cells.cell.CellEvent.TaskFinished;
import io.cellwork.cells.cell.CellEvent.TransferDebited;
import io.cellwork.cells.cell.CellEvent.TransferRefunded;
import io.cellwork.cells.cell.CellEvent.TransferSettled;
import io.cellwork.cells.cell.InboundCredits.Knowledge;
import io.cellwork.cells.ledger.LedgerOperation;
import io.cellwork.cells.task.TaskStatus;

/**
 * The ledger inside one cell, and both sides of the transfer saga between cells.
 *
 * <p>Source side: debit (journaled), then ask the target cell to credit, re-asking with backoff
 * until it answers; past the task's deadline ask it to refuse instead. Settle when the credit is
 * applied, refund when it is refused. Target side: apply or refuse each transfer exactly once
 * ({@link InboundCredits}) and answer every (re)request the same way, never before the answer is
 * journaled. Delivery is at-least-once in both directions; deduplication makes the effects
 * exactly-once, so money is never created or lost, whatever restarts in between. Not
 * thread-safe: runs on the cell actor.
 */
final class TransferSaga {
  static final String TRANSFER_GAVE_UP = "transfer_timed_out";

  private final int cellId;
  private final CellEnvironment env;
  private final CellCore cell;
  private final TransferRetries retries;

  TransferSaga(int cellId, CellEnvironment env, CellCore cell) {
    this.cellId = cellId;
    this.env = env;
    this.cell = cell;
    this.retries = new TransferRetries(env.settings().transferRetryInterval(), env.settings().transferRetryIntervalMax());
  }

  /** Runs a ledger task: one decision on the working state, one event. */
  void run(TaskRecord task, LedgerOperation op, long now) {
    CellEvent event = LedgerDecisions.decide(
        cell.working(), task.spec(), op, account -> env.router().cellFor(account.tenant(), account.key()), now);
    if (event instanceof TransferDebited debited) {
      // the money is in flight; the task ends when the target cell answers
      cell.emit(event, journaled -> send(journaled, journaled.openTransfers().get(debited.taskId())));
      return;
    }
    TaskStatus status = event instanceof TaskFinished finished ? finished.status() : TaskStatus.DONE;
    cell.emit(event, cell.ended(task, status, now));
  }

  /** (Re)sends what every open transfer is waiting for, if its backoff allows. */
  void resendOpen(CellState journaled) {
    journaled.openTransfers().values().forEach(transfer -> send(journaled, transfer));
  }

  /**
   * Asks the target to credit, or, past the transfer's deadline, to refuse. The watermark comes
   * from the journaled state: a settlement still pending could be lost in a crash, and the target
   * must never forget a transfer that could reopen.
   */
  private void send(CellState journaled, OpenTransfer transfer) {
    if (transfer == null) {
      return; // settled meanwhile
    }
    long now = env.clock().millis();
    if (!retries.dueNow(transfer.taskId(), now)) {
      return;
    }
    long watermark = journaled.transferWatermark();
    Cell.Command message = now >= transfer.giveUpAt()
        ? new Cell.CancelCredit(cellId, transfer.transferSeq(), watermark)
        : new Cell.CreditAccount(cellId, transfer.transferSeq(), transfer.to(), transfer.amount(), watermark);
    env.directory().tell(transfer.targetCell(), message);
  }

  // ---- target side ----

  void onCreditAccount(CellState journaled, Cell.CreditAccount cmd) {
    Knowledge known = cell.working().inboundFrom(cmd.sourceCell()).knowledgeOf(cmd.transferSeq());
    if (known == Knowledge.UNSEEN) {
      CellEvent event = LedgerDecisions.decideCredit(cell.working(), cmd, env.clock().millis());
      boolean applied = event instanceof CreditApplied;
      cell.emit(event, journaledNow -> answer(cmd.sourceCell(), cmd.transferSeq(), applied));
    } else {
      answerKnown(journaled, cmd.sourceCell(), cmd.transferSeq(), known);
    }
  }

  void onCancelCredit(CellState journaled, Cell.CancelCredit cmd) {
    Knowledge known = cell.working().inboundFrom(cmd.sourceCell()).knowledgeOf(cmd.transferSeq());
    if (known == Knowledge.UNSEEN) {
      cell.emit(new CreditRefused(cmd.sourceCell(), cmd.transferSeq(), cmd.sourceWatermark(), env.clock().millis()),
          journaledNow -> answer(cmd.sourceCell(), cmd.transferSeq(), false));
    } else {
      answerKnown(journaled, cmd.sourceCell(), cmd.transferSeq(), known);
    }
  }

  /** A retry of a transfer already decided: answer the same, but never before it is journaled. */
  private void answerKnown(CellState journaled, int sourceCell, long transferSeq, Knowledge known) {
    if (known == Knowledge.FORGOTTEN) {
      return; // the source settled this transfer long ago and ignores answers about it
    }
    boolean applied = known == Knowledge.APPLIED;
    if (journaled.inboundFrom(sourceCell).knowledgeOf(transferSeq) == known) {
      answer(sourceCell, transferSeq, applied);
    } else {
      cell.afterAllPending(journaledNow -> answer(sourceCell, transferSeq, applied));
    }
  }

  private void answer(int sourceCell, long transferSeq, boolean applied) {
    env.directory().tell(sourceCell, new Cell.CreditAnswered(transferSeq, applied));
  }

  // ---- back at the source ----

  void onCreditAnswered(Cell.CreditAnswered cmd) {
    String taskId = cell.working().openTransferSeqs().get(cmd.transferSeq());
    if (taskId == null) {
      return; // a duplicate answer: the transfer is settled already
    }
    long now = env.clock().millis();
    retries.forget(taskId);
    CellEvent event = cmd.applied()
        ? new TransferSettled(taskId, now)
        : new TransferRefunded(taskId, TRANSFER_GAVE_UP, now);
    TaskRecord task = cell.working().task(taskId);
    cell.emit(event, cell.ended(task, cmd.applied() ? TaskStatus.DONE : TaskStatus.FAILED, now));
  }
}
