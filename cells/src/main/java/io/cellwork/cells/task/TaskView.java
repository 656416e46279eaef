package io.cellwork.cells.task;

import java.util.Map;
import java.util.Objects;

/**
 * What a client may know about a task: the status document of the HTTP API.
 *
 * @param result the kind's result once {@code done}, empty before
 * @param error why the task failed, expired or was killed; {@code null} otherwise
 */
public record TaskView(String id, int cell, TaskStatus status, Map<String, Object> result, String error) {

  public TaskView {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(status, "status");
    result = result == null ? Map.of() : Map.copyOf(result);
  }
}
