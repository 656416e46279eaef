package io.cellwork.loaddriver.engine;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Counts and latencies of one slice of a run (the whole run, or one group). Writers are wait-free
 * (HdrHistogram's {@link Recorder}, {@link LongAdder}); each engine lane records into its own
 * recorder, so lanes never contend on a shared counter at tens of thousands of answers a second.
 * {@link #takeInterval} merges the lanes; it is for one reader thread at a time.
 */
final class Outcomes {
  /** Three significant digits: 1 ms reads as 1.000 ms, 1 s as 1.000 s. */
  private static final int DIGITS = 3;

  private final Recorder[] latencyMicros;
  private final Histogram total = new Histogram(DIGITS);
  private final LongAdder sent = new LongAdder();
  private final LongAdder ok = new LongAdder();
  private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
  private final Histogram[] intervals;

  Outcomes(int lanes) {
    latencyMicros = new Recorder[lanes];
    intervals = new Histogram[lanes];
    for (int i = 0; i < lanes; i++) {
      latencyMicros[i] = new Recorder(DIGITS);
    }
  }

  void sent() {
    sent.increment();
  }

  void answered(int lane, long latencyNanos, Answer answer) {
    latencyMicros[lane].recordValue(Math.max(1, latencyNanos / 1_000));
    if (answer.isSuccess()) {
      ok.increment();
    } else {
      errors.computeIfAbsent(answer.outcome(), k -> new LongAdder()).increment();
    }
  }

  /** The latencies since the last call; also adds them to the total. */
  synchronized Histogram takeInterval() {
    Histogram merged = new Histogram(DIGITS);
    for (int i = 0; i < latencyMicros.length; i++) {
      intervals[i] = latencyMicros[i].getIntervalHistogram(intervals[i]);
      merged.add(intervals[i]);
    }
    total.add(merged);
    return merged;
  }

  synchronized Histogram total() {
    return total.copy();
  }

  long sentCount() {
    return sent.sum();
  }

  long okCount() {
    return ok.sum();
  }

  long errorCount() {
    return errors.values().stream().mapToLong(LongAdder::sum).sum();
  }

  Map<String, Long> errors() {
    Map<String, Long> copy = new TreeMap<>();
    errors.forEach((k, v) -> copy.put(k, v.sum()));
    return copy;
  }

  Slice snapshot(String name) {
    takeInterval();
    return new Slice(name, sentCount(), okCount(), errors(), total());
  }
}
