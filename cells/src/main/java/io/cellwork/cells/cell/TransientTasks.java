package io.cellwork.cells.cell;

import io.cellwork.cells.task.TaskStatus;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Transient tasks never touch the journal; the cell remembers them here. Open tasks are bounded
 * by the queues and the in-flight limit; finished ones are kept for status queries and
 * idempotency up to a fixed count, oldest first out. Not thread-safe: owned by the cell actor.
 */
final class TransientTasks {
  private final Map<String, TaskRecord> open = new HashMap<>();
  private final LinkedHashMap<String, TaskRecord> finished;

  TransientTasks(int finishedRetained) {
    this.finished =
        new LinkedHashMap<>() {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, TaskRecord> eldest) {
            return size() > finishedRetained;
          }
        };
  }

  TaskRecord get(String taskId) {
    TaskRecord record = open.get(taskId);
    return record != null ? record : finished.get(taskId);
  }

  void accept(TaskRecord record) {
    open.put(record.id(), record);
  }

  void markRunning(String taskId) {
    open.computeIfPresent(taskId, (id, record) -> record.running());
  }

  /** Moves an open task to the finished ones; returns the final record, or null if unknown. */
  TaskRecord finish(String taskId, TaskStatus status, Map<String, Object> result, String error, long at) {
    TaskRecord record = open.remove(taskId);
    if (record == null) {
      return null;
    }
    TaskRecord done = record.finished(status, result, error, at);
    finished.put(taskId, done);
    return done;
  }

  int openCount() {
    return open.size();
  }

  int size() {
    return open.size() + finished.size();
  }
}
