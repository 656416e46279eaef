package io.cellwork.cells.cell;

import io.cellwork.cells.task.TaskStatus;
import java.util.HashMap;
import java.util.Map;

/**
 * Transient tasks never touch the journal; the cell remembers them here for status queries and
 * idempotency. Open ones (queued or running asynchronously) are few, bounded by the queues and
 * the in-flight limit, and all kept; finished ones go to a fixed-size {@link RecentTasks}, oldest
 * out first. Work that finishes at once never enters the open set at all. Not thread-safe: owned
 * by the cell actor.
 */
final class TransientTasks {
  private final Map<String, TaskRecord> open = new HashMap<>();
  private final RecentTasks finished;

  TransientTasks(int finishedRetained) {
    this.finished = new RecentTasks(finishedRetained);
  }

  TaskRecord get(String taskId) {
    TaskRecord record = open.isEmpty() ? null : open.get(taskId);
    return record != null ? record : finished.get(taskId);
  }

  /** A task that waits or runs asynchronously. */
  void open(TaskRecord record) {
    open.put(record.id(), record);
  }

  /** Records the final status of a task, open or not. */
  void finish(TaskRecord task, TaskStatus status, Map<String, Object> result, String error, long at) {
    open.remove(task.id());
    finished.put(task.finished(status, result, error, at));
  }

  int size() {
    return open.size() + finished.size();
  }
}
