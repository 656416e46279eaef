package io.cellwork.loaddriver.threshold;

import io.cellwork.loaddriver.engine.RunResult;
import io.cellwork.loaddriver.engine.Slice;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A pass/fail condition on a run, for CI gates: {@code METRIC[GROUP] OP VALUE[UNIT]} where METRIC
 * is p50, p90, p99, p999 or max (latency; units us, ms, s; ms when none), errors (share of
 * requests: {@code 0.1%} or a ratio like {@code 0.001}) or achievedRate (2xx answers per second),
 * OP is one of {@code < <= > >=}, and the optional [GROUP] picks a report group, e.g.
 * {@code p99[task:small]<20ms}. Immutable.
 */
public record Threshold(String text, String metric, String group, String op, double limit) {
  private static final Pattern SYNTAX = Pattern.compile(
      "\\s*(p50|p90|p99|p999|max|errors|achievedRate)(?:\\[([^\\]]+)])?\\s*(<=|>=|<|>)\\s*([0-9]*\\.?[0-9]+)\\s*(us|ms|s|%)?\\s*");

  public static Threshold parse(String text) {
    Matcher m = SYNTAX.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException("cannot read threshold '" + text + "': expected METRIC[GROUP]<VALUE, METRIC one of"
          + " p50 p90 p99 p999 max (units us, ms, s), errors (e.g. errors<0.1%), achievedRate (e.g. achievedRate>900)");
    }
    String metric = m.group(1);
    String unit = m.group(5) == null ? "" : m.group(5).toLowerCase(Locale.ROOT);
    double value = Double.parseDouble(m.group(4));
    boolean latency = metric.startsWith("p") || metric.equals("max");
    double limit;
    if (latency) {
      limit = switch (unit) {
        case "", "ms" -> value;
        case "us" -> value / 1000.0;
        case "s" -> value * 1000.0;
        default -> throw new IllegalArgumentException("threshold '" + text + "': a latency takes us, ms or s, not " + unit);
      };
    } else if (metric.equals("errors")) {
      if (!unit.isEmpty() && !unit.equals("%")) {
        throw new IllegalArgumentException("threshold '" + text + "': errors take a percentage (0.1%) or a ratio (0.001)");
      }
      limit = unit.equals("%") ? value / 100.0 : value;
    } else {
      if (!unit.isEmpty()) {
        throw new IllegalArgumentException("threshold '" + text + "': achievedRate is in requests per second, without a unit");
      }
      limit = value;
    }
    return new Threshold(text.trim(), metric, m.group(2), m.group(3), limit);
  }

  /** The measured value, in the threshold's units (ms, ratio, or per second); NaN when the group does not exist. */
  public double measure(RunResult result) {
    Slice slice = group == null ? result.total() : result.groups().get(group);
    if (slice == null) {
      return Double.NaN;
    }
    return switch (metric) {
      case "p50" -> slice.millisAt(50);
      case "p90" -> slice.millisAt(90);
      case "p99" -> slice.millisAt(99);
      case "p999" -> slice.millisAt(99.9);
      case "max" -> slice.maxMillis();
      case "errors" -> slice.sent() == 0 ? 0 : (double) slice.errorCount() / slice.sent()
          + (group == null ? (double) result.unanswered() / slice.sent() : 0);
      case "achievedRate" -> result.elapsedSeconds() <= 0 ? 0 : slice.ok() / result.elapsedSeconds();
      default -> throw new IllegalStateException(metric);
    };
  }

  public boolean holds(double measured) {
    if (Double.isNaN(measured)) {
      return false;
    }
    return switch (op) {
      case "<" -> measured < limit;
      case "<=" -> measured <= limit;
      case ">" -> measured > limit;
      case ">=" -> measured >= limit;
      default -> throw new IllegalStateException(op);
    };
  }

  /** The measured value shown in the threshold's own unit, e.g. {@code 12.3ms} or {@code 0.05%}. */
  public String show(double measured) {
    return switch (metric) {
      case "errors" -> String.format(Locale.ROOT, "%.3f%%", measured * 100);
      case "achievedRate" -> String.format(Locale.ROOT, "%.1f/s", measured);
      default -> String.format(Locale.ROOT, "%.3fms", measured);
    };
  }
}
