package io.cellwork.cells.task;

import java.util.Map;
import java.util.Objects;

/**
 * A unit of work as submitted: what to run, for whom, how urgently and how durably.
 *
 * @param id idempotency key, unique per cell within the retention window; two submissions with
 *     the same id are the same request exactly when the whole specs are equal
 * @param params flat parameters of the kind; values are {@code Long}, {@code Double}, {@code
 *     String} or {@code Boolean}
 * @param deadlineMs how long after acceptance the task may still start, or {@link #NO_DEADLINE}
 */
public record TaskSpec(
    String id,
    String tenant,
    String key,
    String kind,
    Priority priority,
    Durability durability,
    Map<String, Object> params,
    long deadlineMs) {

  public static final long NO_DEADLINE = 0;

  public TaskSpec {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(priority, "priority");
    Objects.requireNonNull(durability, "durability");
    params = params == null ? Map.of() : Map.copyOf(params);
  }

  public boolean hasDeadline() {
    return deadlineMs != NO_DEADLINE;
  }

  public boolean isDurable() {
    return durability == Durability.DURABLE;
  }
}
