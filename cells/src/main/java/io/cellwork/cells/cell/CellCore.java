package io.cellwork.cells.cell;

import io.cellwork.cells.task.TaskStatus;
import java.util.function.Consumer;

/**
 * What a cell's collaborators may do to it: read the working state and decide events. All calls
 * happen on the cell actor's thread.
 */
interface CellCore {

  /** Journaled events plus those decided but not yet written. */
  CellState working();

  /** Decides an event now; {@code afterJournaled} runs once it is in the journal. */
  void emit(CellEvent event, Consumer<CellState> afterJournaled);

  /** Runs {@code action} once everything decided so far is in the journal. */
  void afterAllPending(Consumer<CellState> action);

  /** A task reached its final status: count it, and tell whoever waits once it is journaled. */
  Consumer<CellState> ended(TaskRecord task, TaskStatus status, long at);
}
