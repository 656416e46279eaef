package io.cellwork.cells.cell;

import io.cellwork.cells.ledger.AccountId;
import io.cellwork.cells.serialization.CellworkSerializable;

/**
 * A transfer whose source account has been debited and whose target cell has not answered yet:
 * the money is in flight, owned by this record, until it is settled or refunded.
 *
 * @param giveUpAt wall-clock millis after which the source asks the target to refuse instead of
 *     credit
 */
public record OpenTransfer(
    String taskId,
    AccountId from,
    AccountId to,
    long amount,
    int targetCell,
    long transferSeq,
    long debitedAt,
    long giveUpAt)
    implements CellworkSerializable {}
