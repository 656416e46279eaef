package io.cellwork.loaddriver.engine;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Counts and latencies of one slice of a run (the whole run, or one group). Writers on any thread
 * are wait-free (HdrHistogram's {@link Recorder}, {@link LongAdder}); {@link #takeInterval} is for
 * one reader thread at a time.
 */
final class Outcomes {
  /** Three significant digits: 1 ms reads as 1.000 ms, 1 s as 1.000 s. */
  private static final int DIGITS = 3;

  private final Recorder latencyMicros = new Recorder(DIGITS);
  private final Histogram total = new Histogram(DIGITS);
  private final LongAdder sent = new LongAdder();
  private final LongAdder ok = new LongAdder();
  private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
  private Histogram interval;

  void sent() {
    sent.increment();
  }

  void answered(long latencyNanos, Answer answer) {
    latencyMicros.recordValue(Math.max(1, latencyNanos / 1_000));
    if (answer.isSuccess()) {
      ok.increment();
    } else {
      errors.computeIfAbsent(answer.outcome(), k -> new LongAdder()).increment();
    }
  }

  /** The latencies since the last call; also adds them to the total. */
  synchronized Histogram takeInterval() {
    interval = latencyMicros.getIntervalHistogram(interval);
    total.add(interval);
    return interval.copy();
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
