package io.cellwork.loaddriver.workload;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Writes a task's JSON body for {@code POST /v1/tasks} by hand: this runs for every request at tens
 * of thousands per second, where a general-purpose mapper would cost the engine a good share of its
 * CPU. Strings are escaped for quotes, backslashes and control characters.
 */
public final class TaskJson {
  private TaskJson() {}

  public static byte[] body(PlannedTask task, long deadlineMs) {
    StringBuilder json = new StringBuilder(160);
    json.append("{\"id\":");
    string(json, task.id());
    json.append(",\"tenant\":");
    string(json, task.tenant());
    json.append(",\"key\":");
    string(json, task.key());
    json.append(",\"kind\":");
    string(json, task.template().kind());
    json.append(",\"priority\":");
    string(json, task.priority());
    json.append(",\"durability\":");
    string(json, task.durability());
    json.append(",\"params\":");
    params(json, task.template().params());
    if (deadlineMs > 0) {
      json.append(",\"deadlineMs\":").append(deadlineMs);
    }
    return json.append('}').toString().getBytes(StandardCharsets.UTF_8);
  }

  public static void params(StringBuilder json, Map<String, Object> params) {
    json.append('{');
    boolean first = true;
    for (Map.Entry<String, Object> p : params.entrySet()) {
      if (!first) {
        json.append(',');
      }
      first = false;
      string(json, p.getKey());
      json.append(':');
      Object value = p.getValue();
      if (value instanceof Number || value instanceof Boolean) {
        json.append(value);
      } else {
        string(json, String.valueOf(value));
      }
    }
    json.append('}');
  }

  static void string(StringBuilder json, String value) {
    json.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> json.append("\\\"");
        case '\\' -> json.append("\\\\");
        default -> {
          if (c < 0x20) {
            json.append(String.format("\\u%04x", (int) c));
          } else {
            json.append(c);
          }
        }
      }
    }
    json.append('"');
  }
}
