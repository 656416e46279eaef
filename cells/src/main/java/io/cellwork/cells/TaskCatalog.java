package io.cellwork.cells;

import io.cellwork.cells.ledger.LedgerOperation;
import io.cellwork.cells.task.InvalidTaskException;
import io.cellwork.cells.task.TaskSpec;
import io.cellwork.cells.work.WorkHandler;
import io.cellwork.cells.work.WorkKinds;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every kind a node can run (work handlers and ledger operations) and the validation of a
 * submission against its kind. Validation happens at the edge, before anything is routed, so a
 * bad request never reaches a cell. Immutable.
 */
public final class TaskCatalog {
  /** One day: a deadline further out is almost certainly a unit mistake. */
  public static final long MAX_DEADLINE_MS = 86_400_000L;

  private final WorkKinds work;

  public TaskCatalog(WorkKinds work) {
    this.work = work;
  }

  public void validate(TaskSpec task) {
    if (task.hasDeadline() && (task.deadlineMs() < 1 || task.deadlineMs() > MAX_DEADLINE_MS)) {
      throw new InvalidTaskException("deadlineMs", "must be between 1 and " + MAX_DEADLINE_MS);
    }
    Optional<LedgerOperation> ledger = LedgerOperation.forKind(task.kind());
    if (ledger.isPresent()) {
      ledger.get().validate(task);
      return;
    }
    Optional<WorkHandler> handler = work.handler(task.kind());
    if (handler.isEmpty()) {
      throw new InvalidTaskException("kind", "'" + task.kind() + "' is not a known kind " + kinds());
    }
    handler.get().validate(task.params());
  }

  public Set<String> kinds() {
    Set<String> all = new TreeSet<>(work.kinds());
    for (LedgerOperation op : LedgerOperation.values()) {
      all.add(op.kind());
    }
    return all;
  }

  public WorkKinds work() {
    return work;
  }
}
