package io.cellwork.cells.task;

import io.cellwork.cells.hash.StableHash;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A unit of work as submitted: what to run, for whom, how urgently and how durably.
 *
 * @param id idempotency key, unique per cell within the retention window
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

  /**
   * A stable 64-bit digest of everything but the id: two submissions with the same id are the
   * same request exactly when their fingerprints match. Parameters are hashed in key order and
   * with their type, so {@code 5} and {@code "5"} differ.
   */
  public long fingerprint() {
    long h = StableHash.start();
    for (String field : new String[] {tenant, key, kind, priority.name(), durability.name()}) {
      h = StableHash.absorbSeparator(StableHash.absorb(h, field));
    }
    h = StableHash.absorbLong(h, deadlineMs);
    for (Map.Entry<String, Object> param : new TreeMap<>(params).entrySet()) {
      Object value = param.getValue();
      h = StableHash.absorbSeparator(StableHash.absorb(h, param.getKey()));
      h = StableHash.absorb(h, value.getClass().getSimpleName());
      h = StableHash.absorbSeparator(StableHash.absorb(h, String.valueOf(value)));
    }
    return StableHash.mix(h);
  }
}
