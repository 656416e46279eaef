package io.cellwork.cells.work.builtin;

import io.cellwork.cells.task.TaskSpec;
import io.cellwork.cells.work.WorkContext;
import io.cellwork.cells.work.WorkHandler;
import io.cellwork.cells.work.WorkOutcome;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** {@code echo}: completes at once with its parameters as the result; the cheapest kind. */
public final class EchoWork implements WorkHandler {

  @Override
  public String kind() {
    return "echo";
  }

  @Override
  public void validate(Map<String, Object> params) {
    // any flat parameters are echoed back
  }

  @Override
  public CompletionStage<WorkOutcome> run(TaskSpec task, WorkContext context) {
    return CompletableFuture.completedFuture(WorkOutcome.succeeded(task.params()));
  }
}
