package io.cellwork.loaddriver.engine;

import java.util.List;
import java.util.Map;

/**
 * Everything a finished run measured.
 *
 * @param elapsedSeconds from the start until the last answer (or the end of the drain)
 * @param unanswered requests still outstanding when the drain ran out
 * @param groups per-group figures, by group name, in the order first seen
 */
public record RunResult(String name, double elapsedSeconds, Slice total, long unanswered, Map<String, Slice> groups,
    List<Interval> timeline) {

  /** 2xx answers per second over the run. */
  public double achievedRate() {
    return elapsedSeconds <= 0 ? 0 : total.ok() / elapsedSeconds;
  }

  /** Failed share of everything sent, 0..1. */
  public double errorRatio() {
    long sent = total.sent();
    return sent == 0 ? 0 : (double) (total.errorCount() + unanswered) / sent;
  }
}
