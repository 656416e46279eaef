package io.cellwork.loaddriver.report;

import io.cellwork.loaddriver.engine.Interval;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The once-a-second line a run prints: offered and achieved rates, p50/p99, errors by kind. */
public final class ProgressLine {
  private ProgressLine() {}

  public static String format(String phase, Interval i) {
    String errors = i.errors().isEmpty() ? "-" : i.errors().entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
    String line = String.format(Locale.ROOT,
        "[%-10s %5.1fs] offered %8.1f/s  ok %8.1f/s  p50 %8.2f ms  p99 %8.2f ms  in-flight %5d  errors %s",
        phase, i.endSeconds(), i.offeredRate(), i.okRate(), i.p50Millis(), i.p99Millis(), i.inFlight(), errors);
    // Only runs that retry show their tries: the retry load on top of the offered requests.
    return i.retried() ? line + String.format(Locale.ROOT, "  tries %.1f/s", i.triesRate()) : line;
  }

  static String errors(Map<String, Long> errors) {
    return errors.isEmpty() ? "-" : errors.entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
  }
}
