package io.cellwork.cells.cell;

import io.cellwork.cells.cell.CellEvent.FundsDeposited;
import io.cellwork.cells.cell.CellEvent.FundsWithdrawn;
import io.cellwork.cells.cell.CellEvent.TaskFinished;
import io.cellwork.cells.cell.CellEvent.TransferDebited;
import io.cellwork.cells.ledger.AccountId;
import io.cellwork.cells.ledger.LedgerOperation;
import io.cellwork.cells.task.TaskSpec;
import io.cellwork.cells.task.TaskStatus;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * What a ledger task does to the cell that owns its account, as a pure function from the current
 * state to the one event that records it. Because one cell is the only writer of its accounts,
 * checking and changing a balance is a single step: no locks, no lost updates.
 */
final class LedgerDecisions {
  static final String INSUFFICIENT_FUNDS = "insufficient_funds";
  static final String BALANCE_OVERFLOW = "balance_overflow";

  private LedgerDecisions() {}

  /**
   * @param cellOf where an account lives, to address a transfer's target cell
   */
  static CellEvent decide(CellState state, TaskSpec task, LedgerOperation op, ToIntFunction<AccountId> cellOf, long now) {
    AccountId account = LedgerOperation.account(task);
    long amount = LedgerOperation.amount(task);
    long balance = state.balance(account);
    switch (op) {
      case DEPOSIT:
        if (balance > Long.MAX_VALUE - amount) {
          return failed(task, BALANCE_OVERFLOW, now);
        }
        return new FundsDeposited(task.id(), account, amount, now);
      case WITHDRAW:
        if (balance < amount) {
          return failed(task, INSUFFICIENT_FUNDS, now);
        }
        return new FundsWithdrawn(task.id(), account, amount, now);
      case TRANSFER:
        AccountId to = LedgerOperation.creditedAccount(task);
        if (balance < amount) {
          return failed(task, INSUFFICIENT_FUNDS, now);
        }
        if (to.equals(account)) {
          return new TaskFinished(task.id(), TaskStatus.DONE, Map.of("amount", amount, "to", to.key()), null, now);
        }
        return new TransferDebited(
            task.id(), account, to, amount, cellOf.applyAsInt(to), state.nextTransferSeq(), now);
      default:
        throw new IllegalArgumentException("unknown ledger operation " + op);
    }
  }

  /**
   * Target side of a transfer: credit the account, or refuse if the credit would overflow it (the
   * source then refunds). Only for a transfer this cell has not seen before.
   */
  static CellEvent decideCredit(CellState state, Cell.CreditAccount credit, long now) {
    if (state.balance(credit.to()) > Long.MAX_VALUE - credit.amount()) {
      return new CellEvent.CreditRefused(credit.sourceCell(), credit.transferSeq(), credit.sourceWatermark(), now);
    }
    return new CellEvent.CreditApplied(
        credit.sourceCell(), credit.transferSeq(), credit.to(), credit.amount(), credit.sourceWatermark(), now);
  }

  private static TaskFinished failed(TaskSpec task, String error, long now) {
    return new TaskFinished(task.id(), TaskStatus.FAILED, Map.of(), error, now);
  }
}
