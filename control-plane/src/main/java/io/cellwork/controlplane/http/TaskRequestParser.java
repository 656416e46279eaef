package io.cellwork.controlplane.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.cellwork.cells.TaskCatalog;
import io.cellwork.cells.task.Durability;
import io.cellwork.cells.task.InvalidTaskException;
import io.cellwork.cells.task.Priority;
import io.cellwork.cells.task.TaskIdentifiers;
import io.cellwork.cells.task.TaskSpec;
import java.math.BigInteger;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Turns a task's JSON into a validated {@link TaskSpec}, or a 400 naming the first bad field.
 * Strict on purpose: unknown fields, wrong types, out-of-range numbers and nested parameters
 * are rejected rather than guessed at, so a typo never becomes a silently different task.
 * Thread-safe (stateless apart from the immutable catalog).
 */
public final class TaskRequestParser {
  static final int MAX_PARAMS = 32;
  static final int MAX_PARAM_STRING = 1024;
  private static final Pattern PARAM_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,63}");
  private static final Set<String> FIELDS =
      Set.of("id", "tenant", "key", "kind", "priority", "durability", "params", "deadlineMs");
  private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

  private final TaskCatalog catalog;

  public TaskRequestParser(TaskCatalog catalog) {
    this.catalog = catalog;
  }

  public TaskSpec parse(JsonNode json) {
    return parse(json, "");
  }

  /** @param fieldPrefix prepended to field names in errors, e.g. {@code "[3]."} inside a batch */
  public TaskSpec parse(JsonNode json, String fieldPrefix) {
    try {
      return parseTask(json);
    } catch (InvalidTaskException e) {
      throw ApiError.invalid(fieldPrefix + e.field(), e.reason());
    }
  }

  private TaskSpec parseTask(JsonNode json) {
    if (!json.isObject()) {
      throw new InvalidTaskException("body", "must be a JSON object");
    }
    for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!FIELDS.contains(name)) {
        throw new InvalidTaskException(name, "is not a field of a task (fields: " + FIELDS + ")");
      }
    }
    String id = json.has("id") ? TaskIdentifiers.checkId("id", string(json, "id")) : UUID.randomUUID().toString();
    String tenant = TaskIdentifiers.checkTenant("tenant", requiredString(json, "tenant"));
    String key = TaskIdentifiers.checkKey("key", requiredString(json, "key"));
    String kind = requiredString(json, "kind");
    Priority priority = json.has("priority")
        ? Priority.fromWireName(string(json, "priority"))
            .orElseThrow(() -> new InvalidTaskException("priority", "must be critical, normal or sheddable"))
        : Priority.NORMAL;
    Durability durability = json.has("durability")
        ? Durability.fromWireName(string(json, "durability"))
            .orElseThrow(() -> new InvalidTaskException("durability", "must be durable or transient"))
        : Durability.DURABLE;
    long deadlineMs = json.has("deadlineMs")
        ? integer(json.get("deadlineMs"), "deadlineMs", 1, TaskCatalog.MAX_DEADLINE_MS)
        : TaskSpec.NO_DEADLINE;
    Map<String, Object> params = json.has("params") ? params(json.get("params")) : Map.of();
    TaskSpec task = new TaskSpec(id, tenant, key, kind, priority, durability, params, deadlineMs);
    catalog.validate(task);
    return task;
  }

  private static Map<String, Object> params(JsonNode node) {
    if (!node.isObject()) {
      throw new InvalidTaskException("params", "must be a JSON object");
    }
    if (node.size() > MAX_PARAMS) {
      throw new InvalidTaskException("params", "may have at most " + MAX_PARAMS + " entries");
    }
    Map<String, Object> params = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      String field = "params." + entry.getKey();
      if (!PARAM_NAME.matcher(entry.getKey()).matches()) {
        throw new InvalidTaskException(field, "is not a valid parameter name");
      }
      params.put(entry.getKey(), scalar(entry.getValue(), field));
    }
    return params;
  }

  private static Object scalar(JsonNode value, String field) {
    if (value.isTextual()) {
      if (value.textValue().length() > MAX_PARAM_STRING) {
        throw new InvalidTaskException(field, "may be at most " + MAX_PARAM_STRING + " characters");
      }
      return value.textValue();
    }
    if (value.isBoolean()) {
      return value.booleanValue();
    }
    if (value.isIntegralNumber()) {
      return integer(value, field, Long.MIN_VALUE, Long.MAX_VALUE);
    }
    if (value.isNumber()) {
      double d = value.doubleValue();
      if (!Double.isFinite(d)) {
        throw new InvalidTaskException(field, "must be a finite number");
      }
      return d;
    }
    throw new InvalidTaskException(field, "must be a string, number or boolean (parameters are flat)");
  }

  private static long integer(JsonNode value, String field, long min, long max) {
    if (!value.isIntegralNumber()) {
      throw new InvalidTaskException(field, "must be an integer");
    }
    BigInteger big = value.bigIntegerValue();
    if (big.compareTo(LONG_MIN) < 0 || big.compareTo(LONG_MAX) > 0) {
      throw new InvalidTaskException(field, "is out of range");
    }
    long l = big.longValue();
    if (l < min || l > max) {
      throw new InvalidTaskException(field, "must be between " + min + " and " + max);
    }
    return l;
  }

  private static String requiredString(JsonNode json, String field) {
    if (!json.has(field) || json.get(field).isNull()) {
      throw new InvalidTaskException(field, "is required");
    }
    return string(json, field);
  }

  private static String string(JsonNode json, String field) {
    JsonNode value = json.get(field);
    if (!value.isTextual()) {
      throw new InvalidTaskException(field, "must be a string");
    }
    return value.textValue();
  }
}
