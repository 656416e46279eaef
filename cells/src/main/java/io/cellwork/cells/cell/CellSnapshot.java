package io.cellwork.cells.cell;

import io.cellwork.cells.ledger.AccountId;
import io.cellwork.cells.serialization.CellworkSerializable;
import java.util.List;

/**
 * The stored form of {@link CellState}: plain lists instead of persistent collections, so the
 * snapshot format is as evolvable as the events (fields can be added) and independent of the
 * collection library.
 */
public record CellSnapshot(
    List<TaskRecord> tasks,
    List<Balance> balances,
    List<OpenTransfer> openTransfers,
    long nextTransferSeq,
    long finishedCount,
    List<Inbound> inbound)
    implements CellworkSerializable {

  public record Balance(AccountId account, long balance) implements CellworkSerializable {}

  /** What the cell knows of one source cell's transfers; {@code applied}/{@code refused} are numbers. */
  public record Inbound(int sourceCell, long watermark, List<Long> applied, List<Long> refused)
      implements CellworkSerializable {}
}
