package io.cellwork.loaddriver.engine;

import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The final figures of a run or of one of its groups.
 *
 * @param errors answers that were not 2xx, by status code or failure ({@code timeout}, {@code connect} ...)
 * @param latencyMicros latency of every answer, from the intended send time, in microseconds
 */
public record Slice(String name, long sent, long ok, Map<String, Long> errors, Histogram latencyMicros) {

  public long errorCount() {
    return errors.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Latency at a percentile (0..100), in milliseconds. */
  public double millisAt(double percentile) {
    return latencyMicros.getTotalCount() == 0 ? 0 : latencyMicros.getValueAtPercentile(percentile) / 1000.0;
  }

  public double maxMillis() {
    return latencyMicros.getTotalCount() == 0 ? 0 : latencyMicros.getMaxValue() / 1000.0;
  }
}
