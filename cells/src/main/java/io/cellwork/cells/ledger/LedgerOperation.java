package io.cellwork.cells.ledger;

import io.cellwork.cells.task.InvalidTaskException;
import io.cellwork.cells.task.TaskIdentifiers;
import io.cellwork.cells.task.TaskParams;
import io.cellwork.cells.task.TaskSpec;
import java.util.Optional;
import java.util.Set;

/**
 * The ledger kinds. They run inside the cell that owns the account, as state transitions of its
 * journal, rather than as {@link io.cellwork.cells.work.WorkHandler}s: the single-writer cell is
 * what makes "never below zero" hold without locks.
 */
public enum LedgerOperation {
  DEPOSIT("ledger.deposit"),
  WITHDRAW("ledger.withdraw"),
  TRANSFER("ledger.transfer");

  static final String AMOUNT = "amount";
  static final String TO = "to";
  /** 10^15 minor units: large enough for any real payment, far from overflowing a long. */
  public static final long MAX_AMOUNT = 1_000_000_000_000_000L;

  private final String kind;

  LedgerOperation(String kind) {
    this.kind = kind;
  }

  public String kind() {
    return kind;
  }

  public static Optional<LedgerOperation> forKind(String kind) {
    for (LedgerOperation op : values()) {
      if (op.kind.equals(kind)) {
        return Optional.of(op);
      }
    }
    return Optional.empty();
  }

  /** Checks a ledger submission; money moves only in durable tasks. */
  public void validate(TaskSpec task) {
    if (!task.isDurable()) {
      throw new InvalidTaskException("durability", "must be durable for ledger kinds");
    }
    TaskParams.allowOnly(task.params(), this == TRANSFER ? Set.of(AMOUNT, TO) : Set.of(AMOUNT));
    TaskParams.requireLong(task.params(), AMOUNT, 1, MAX_AMOUNT);
    if (this == TRANSFER) {
      TaskIdentifiers.checkKey("params.to", TaskParams.requireString(task.params(), TO));
    }
  }

  public static long amount(TaskSpec task) {
    return TaskParams.longValue(task.params(), AMOUNT);
  }

  /** The account a transfer credits: same tenant, key {@code params.to}. */
  public static AccountId creditedAccount(TaskSpec task) {
    return new AccountId(task.tenant(), (String) task.params().get(TO));
  }

  public static AccountId account(TaskSpec task) {
    return new AccountId(task.tenant(), task.key());
  }
}
