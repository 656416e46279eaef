package io.cellwork.cells.cell;

import io.cellwork.cells.serialization.CellworkSerializable;
import io.cellwork.cells.task.TaskSpec;
import io.cellwork.cells.task.TaskStatus;
import io.cellwork.cells.task.TaskView;
import java.util.Map;

/**
 * A task the cell knows about, durable or transient.
 *
 * @param finishedAt wall-clock millis of the final status, 0 while the task is open
 */
public record TaskRecord(
    TaskSpec spec,
    TaskStatus status,
    Map<String, Object> result,
    String error,
    long acceptedAt,
    long finishedAt)
    implements CellworkSerializable {

  public TaskRecord {
    result = result == null ? Map.of() : Map.copyOf(result);
  }

  public static TaskRecord accepted(TaskSpec spec, long at) {
    return new TaskRecord(spec, TaskStatus.ACCEPTED, Map.of(), null, at, 0);
  }

  public String id() {
    return spec.id();
  }

  public TaskRecord running() {
    return new TaskRecord(spec, TaskStatus.RUNNING, result, error, acceptedAt, finishedAt);
  }

  public TaskRecord finished(TaskStatus finalStatus, Map<String, Object> finalResult, String finalError, long at) {
    return new TaskRecord(spec, finalStatus, finalResult, finalError, acceptedAt, at);
  }

  /** The absolute time after which the task may no longer start, or {@code Long.MAX_VALUE}. */
  public long startDeadline() {
    return spec.hasDeadline() ? acceptedAt + spec.deadlineMs() : Long.MAX_VALUE;
  }

  public TaskView view(int cell) {
    return new TaskView(spec.id(), cell, status, result, error);
  }
}
