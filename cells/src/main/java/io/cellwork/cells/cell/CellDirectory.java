package io.cellwork.cells.cell;

/**
 * How a cell reaches another cell, wherever it lives. The only cell-to-cell path there is: the
 * ledger's transfer saga uses it, nothing else does.
 */
public interface CellDirectory {
  void tell(int cell, Cell.Command message);
}
