package io.cellwork.cells;

import io.cellwork.cells.cell.Cell;
import io.cellwork.cells.cell.ShardedCellDirectory;
import io.cellwork.cells.ledger.AccountId;
import io.cellwork.cells.routing.CellRouter;
import io.cellwork.cells.task.TaskSpec;
import io.cellwork.killswitch.KillSwitch;
import io.cellwork.killswitch.KillSwitchBoard;
import io.cellwork.killswitch.KillSwitchView;
import io.cellwork.killswitch.TaskTarget;
import io.cellwork.killswitch.breaker.BreakerStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * The data plane as the edges (HTTP API, benchmarks, tests) see it: route, then ask the cell.
 * Every call is asynchronous; stages complete on the actor system's executor, never on the JDK's
 * common pool. Thread-safe.
 */
public final class CellsClient {
  /** The edge does not know where a cell lives; node-scoped switches are the cell's own check. */
  private static final String ANY_NODE = "";

  private final CellRouter router;
  private final ShardedCellDirectory directory;
  private final TaskCatalog catalog;
  private final Duration askTimeout;
  private final Executor executor;
  private final KillSwitchBoard killSwitches;
  /** The retry hint with a refusal by a switch: the cells' shortest, as they give it too. */
  private final Duration killedRetryAfter;

  CellsClient(CellRouter router, ShardedCellDirectory directory, TaskCatalog catalog, Duration askTimeout,
      Executor executor, KillSwitchBoard killSwitches, Duration killedRetryAfter) {
    this.router = router;
    this.directory = directory;
    this.catalog = catalog;
    this.askTimeout = askTimeout;
    this.executor = executor;
    this.killSwitches = killSwitches;
    this.killedRetryAfter = killedRetryAfter;
  }

  public int cellFor(String tenant, String key) {
    return router.cellFor(tenant, key);
  }

  public int cells() {
    return directory.cells();
  }

  public TaskCatalog catalog() {
    return catalog;
  }

  public Duration askTimeout() {
    return askTimeout;
  }

  /**
   * Submits a validated task to its cell; the reply says accepted, rejected or conflicting. A
   * task an engaged switch covers is refused here, before any message is sent (switches on the
   * cell's node are checked again by the cell itself).
   */
  public CompletionStage<Cell.SubmitReply> submit(TaskSpec task, boolean awaitCompletion, Duration timeout) {
    int cell = cellFor(task.tenant(), task.key());
    KillSwitchView view = killSwitches.view();
    if (!view.isEmpty()) {
      KillSwitch engaged = view.covering(new TaskTarget(ANY_NODE, cell, task.tenant(), task.kind()), System.currentTimeMillis());
      if (engaged != null) {
        return CompletableFuture.completedFuture(
            new Cell.Rejected(Cell.RejectReason.KILL_SWITCH, killedRetryAfter.toMillis(), engaged.id()));
      }
    }
    return onExecutor(directory.ref(cell).ask(replyTo -> new Cell.Submit(task, awaitCompletion, replyTo), timeout));
  }

  public CompletionStage<Cell.TaskLookup> task(int cell, String taskId) {
    return onExecutor(directory.ref(cell).ask(replyTo -> new Cell.GetTask(taskId, replyTo), askTimeout));
  }

  /** Forces a cell's breaker open, or closes it. */
  public CompletionStage<BreakerStatus> setBreaker(int cell, boolean open) {
    return onExecutor(directory.ref(cell).ask(replyTo -> new Cell.SetBreaker(open, replyTo), askTimeout));
  }

  public CompletionStage<Cell.Balance> balance(AccountId account) {
    int cell = cellFor(account.tenant(), account.key());
    return onExecutor(directory.ref(cell).ask(replyTo -> new Cell.GetBalance(account, replyTo), askTimeout));
  }

  /** Every cell's status, in cell order; a cell that does not answer in time is {@code null}. */
  public CompletionStage<List<Cell.CellStatus>> statuses() {
    return statuses(askTimeout);
  }

  /** As {@link #statuses()}, waiting at most {@code timeout} for each cell. */
  public CompletionStage<List<Cell.CellStatus>> statuses(Duration timeout) {
    List<CompletableFuture<Cell.CellStatus>> asks = new ArrayList<>(cells());
    for (int cell = 0; cell < cells(); cell++) {
      asks.add(onExecutor(directory.ref(cell).<Cell.CellStatus>ask(Cell.GetStatus::new, timeout))
          .exceptionally(failure -> null));
    }
    return CompletableFuture.allOf(asks.toArray(CompletableFuture[]::new))
        .thenApply(done -> asks.stream().map(CompletableFuture::join).toList());
  }

  private <T> CompletableFuture<T> onExecutor(CompletionStage<T> pekkoStage) {
    return OnExecutor.complete(pekkoStage, executor);
  }

  public Executor executor() {
    return executor;
  }
}
