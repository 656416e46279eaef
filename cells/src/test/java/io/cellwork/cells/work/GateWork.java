package io.cellwork.cells.work;

import io.cellwork.cells.task.TaskSpec;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Test work: {@code gate} tasks hold their slot until the test opens the gate; {@code record}
 * tasks finish at once and note the order in which they started. Together they let a test
 * saturate a cell and observe its scheduling without timing. A gate task with a {@code millis}
 * parameter declares that it is long.
 */
public final class GateWork {
  private final CompletableFuture<Void> gate = new CompletableFuture<>();
  private final List<String> started = new CopyOnWriteArrayList<>();

  public WorkKinds kinds() {
    return WorkKinds.of(List.of(new Gate(), new Record()));
  }

  public void open() {
    gate.complete(null);
  }

  /** Ids of {@code record} tasks in the order they started. */
  public List<String> started() {
    return started;
  }

  private final class Gate implements WorkHandler {
    @Override
    public String kind() {
      return "gate";
    }

    @Override
    public void validate(Map<String, Object> params) {}

    @Override
    public CompletionStage<WorkOutcome> run(TaskSpec task, WorkContext context) {
      return gate.thenApply(open -> WorkOutcome.succeeded(Map.of()));
    }

    /** A gate task may say it is long ({@code millis}), which sends it to the large lane. */
    @Override
    public double declaredMillis(Map<String, Object> params) {
      return params.get("millis") instanceof Number millis ? millis.doubleValue() : 0;
    }
  }

  private final class Record implements WorkHandler {
    @Override
    public String kind() {
      return "record";
    }

    @Override
    public void validate(Map<String, Object> params) {}

    @Override
    public CompletionStage<WorkOutcome> run(TaskSpec task, WorkContext context) {
      started.add(task.id());
      return CompletableFuture.completedFuture(WorkOutcome.succeeded(Map.of()));
    }
  }
}
