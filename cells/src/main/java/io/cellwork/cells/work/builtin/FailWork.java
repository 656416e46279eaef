package io.cellwork.cells.work.builtin;

import io.cellwork.cells.hash.StableHash;
import io.cellwork.cells.task.TaskParams;
import io.cellwork.cells.task.TaskSpec;
import io.cellwork.cells.work.WorkContext;
import io.cellwork.cells.work.WorkHandler;
import io.cellwork.cells.work.WorkOutcome;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code fail}: fault injection. Fails with probability {@code rate}; the draw is a hash of the
 * task id, so a task re-run after a crash fails or succeeds exactly as it did the first time, and
 * over many ids the failure share converges to {@code rate}.
 */
public final class FailWork implements WorkHandler {
  static final String RATE = "rate";
  public static final String INJECTED_FAILURE = "injected_failure";

  @Override
  public String kind() {
    return "fail";
  }

  @Override
  public void validate(Map<String, Object> params) {
    TaskParams.allowOnly(params, Set.of(RATE));
    TaskParams.requireDouble(params, RATE, 0.0, 1.0);
  }

  @Override
  public CompletionStage<WorkOutcome> run(TaskSpec task, WorkContext context) {
    double rate = ((Number) task.params().get(RATE)).doubleValue();
    boolean fails = uniformDraw(task.id()) < rate;
    return CompletableFuture.completedFuture(
        fails ? WorkOutcome.failed(INJECTED_FAILURE) : WorkOutcome.succeeded(Map.of()));
  }

  /** Maps the id's hash onto [0, 1) using its top 53 bits, the precision of a double. */
  static double uniformDraw(String taskId) {
    return (StableHash.of(taskId) >>> 11) * 0x1.0p-53;
  }
}
