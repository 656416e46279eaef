package io.cellwork.cells.work.builtin;

import io.cellwork.cells.task.TaskParams;
import io.cellwork.cells.task.TaskSpec;
import io.cellwork.cells.work.WorkContext;
import io.cellwork.cells.work.WorkHandler;
import io.cellwork.cells.work.WorkOutcome;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/** {@code sleep}: waits {@code millis} on a timer, holding no thread, like IO-bound work. */
public final class SleepWork implements WorkHandler {
  static final String MILLIS = "millis";
  static final long MAX_MILLIS = 60_000;

  @Override
  public String kind() {
    return "sleep";
  }

  @Override
  public void validate(Map<String, Object> params) {
    TaskParams.allowOnly(params, Set.of(MILLIS));
    TaskParams.requireLong(params, MILLIS, 0, MAX_MILLIS);
  }

  @Override
  public double declaredMillis(Map<String, Object> params) {
    return TaskParams.longValue(params, MILLIS);
  }

  @Override
  public CompletionStage<WorkOutcome> run(TaskSpec task, WorkContext context) {
    long millis = TaskParams.longValue(task.params(), MILLIS);
    return context
        .after(Duration.ofMillis(millis))
        .thenApply(ignored -> WorkOutcome.succeeded(Map.of("sleptMs", millis)));
  }
}
