package io.cellwork.cells.task;

import java.util.Map;
import java.util.Set;

/**
 * Typed reads and validation of a task's flat parameter map. Validation failures throw {@link
 * InvalidTaskException} naming the parameter as {@code params.<name>}, which the HTTP API turns
 * into a {@code 400}.
 */
public final class TaskParams {
  private TaskParams() {}

  public static long requireLong(Map<String, Object> params, String name, long min, long max) {
    Object value = params.get(name);
    if (value == null) {
      throw new InvalidTaskException(field(name), "is required");
    }
    return checkLong(name, value, min, max);
  }

  public static long optionalLong(
      Map<String, Object> params, String name, long min, long max, long fallback) {
    Object value = params.get(name);
    return value == null ? fallback : checkLong(name, value, min, max);
  }

  public static double requireDouble(Map<String, Object> params, String name, double min, double max) {
    Object value = params.get(name);
    if (value == null) {
      throw new InvalidTaskException(field(name), "is required");
    }
    double number;
    if (value instanceof Long l) {
      number = l;
    } else if (value instanceof Double d) {
      number = d;
    } else {
      throw new InvalidTaskException(field(name), "must be a number");
    }
    if (!(number >= min && number <= max)) {
      throw new InvalidTaskException(field(name), "must be between " + min + " and " + max);
    }
    return number;
  }

  public static String requireString(Map<String, Object> params, String name) {
    Object value = params.get(name);
    if (value == null) {
      throw new InvalidTaskException(field(name), "is required");
    }
    if (!(value instanceof String s)) {
      throw new InvalidTaskException(field(name), "must be a string");
    }
    return s;
  }

  /** Rejects parameters a kind does not know, so that typos do not pass silently. */
  public static void allowOnly(Map<String, Object> params, Set<String> known) {
    for (String name : params.keySet()) {
      if (!known.contains(name)) {
        throw new InvalidTaskException(field(name), "is not a parameter of this kind (allowed: " + known + ")");
      }
    }
  }

  public static long longValue(Map<String, Object> params, String name) {
    return (Long) params.get(name);
  }

  private static long checkLong(String name, Object value, long min, long max) {
    if (!(value instanceof Long l)) {
      throw new InvalidTaskException(field(name), "must be an integer");
    }
    if (l < min || l > max) {
      throw new InvalidTaskException(field(name), "must be between " + min + " and " + max);
    }
    return l;
  }

  private static String field(String name) {
    return "params." + name;
  }
}
