package io.cellwork.cells.cell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.cellwork.cells.cell.CellEvent.CreditApplied;
import io.cellwork.cells.cell.CellEvent.CreditRefused;
import io.cellwork.cells.cell.CellEvent.FundsDeposited;
import io.cellwork.cells.cell.CellEvent.TaskAccepted;
import io.cellwork.cells.cell.CellEvent.TaskFinished;
import io.cellwork.cells.cell.CellEvent.TransferDebited;
import io.cellwork.cells.ledger.AccountId;
import io.cellwork.cells.ledger.LedgerOperation;
import io.cellwork.cells.task.Durability;
import io.cellwork.cells.task.Priority;
import io.cellwork.cells.task.TaskSpec;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The ledger's decisions as pure functions of the cell state. */
class LedgerDecisionsTest {
  private static final AccountId ALICE = new AccountId("bank", "alice");
  private static final AccountId BOB = new AccountId("bank", "bob");

  @Test
  void depositThatWouldOverflowFails() {
    CellState state = withBalance(ALICE, Long.MAX_VALUE - 5);
    CellEvent event = decide(state, task("d", LedgerOperation.DEPOSIT, 6, null));
    assertEquals("balance_overflow", assertInstanceOf(TaskFinished.class, event).error());
  }

  @Test
  void transferDebitsWithTheNextTransferNumberAndTheTargetsCell() {
    TaskSpec transfer = task("x", LedgerOperation.TRANSFER, 40, "bob");
    CellState state = withBalance(ALICE, 100).apply(new TaskAccepted(transfer, 1));
    TransferDebited debit = assertInstanceOf(TransferDebited.class, decide(state, transfer));
    assertEquals(BOB, debit.to());
    assertEquals(0, debit.transferSeq());
    assertEquals(9, debit.targetCell());
    CellState after = state.apply(debit);
    assertEquals(60, after.balance(ALICE));
    assertEquals(1, after.nextTransferSeq());
    assertEquals(0, after.transferWatermark(), "open transfer 0 holds the watermark");
  }

  @Test
  void creditThatWouldOverflowTheTargetIsRefused() {
    CellState state = withBalance(BOB, Long.MAX_VALUE - 5);
    Cell.CreditAccount tooMuch = new Cell.CreditAccount(2, 7, BOB, 6, 7);
    assertInstanceOf(CreditRefused.class, LedgerDecisions.decideCredit(state, tooMuch, 1));
    Cell.CreditAccount fits = new Cell.CreditAccount(2, 8, BOB, 5, 7);
    assertInstanceOf(CreditApplied.class, LedgerDecisions.decideCredit(state, fits, 1));
  }

  @Test
  void inboundCreditsForgetOnlyBelowTheSourcesWatermark() {
    CellState state = CellState.EMPTY
        .apply(new CreditApplied(2, 5, BOB, 1, 5, 1))
        .apply(new CreditApplied(2, 6, BOB, 1, 5, 1));
    assertEquals(InboundCredits.Knowledge.APPLIED, state.inboundFrom(2).knowledgeOf(5));
    state = state.apply(new CreditRefused(2, 7, 6, 1)); // the source settled 5
    assertEquals(InboundCredits.Knowledge.FORGOTTEN, state.inboundFrom(2).knowledgeOf(5));
    assertEquals(InboundCredits.Knowledge.APPLIED, state.inboundFrom(2).knowledgeOf(6));
    assertEquals(InboundCredits.Knowledge.REFUSED, state.inboundFrom(2).knowledgeOf(7));
    assertEquals(InboundCredits.Knowledge.UNSEEN, state.inboundFrom(2).knowledgeOf(8));
    assertEquals(2, state.balance(BOB));
  }

  private static CellState withBalance(AccountId account, long balance) {
    TaskSpec seed = task("seed", LedgerOperation.DEPOSIT, 1, null);
    return CellState.EMPTY.apply(new TaskAccepted(seed, 0)).apply(new FundsDeposited("seed", account, balance, 0));
  }

  private static CellEvent decide(CellState state, TaskSpec task) {
    return LedgerDecisions.decide(state, task, LedgerOperation.forKind(task.kind()).orElseThrow(), account -> 9, 2);
  }

  private static TaskSpec task(String id, LedgerOperation op, long amount, String to) {
    Map<String, Object> params = to == null ? Map.of("amount", amount) : Map.of("amount", amount, "to", to);
    return new TaskSpec(id, "bank", "alice", op.kind(), Priority.NORMAL, Durability.DURABLE, params, 0);
  }
}
