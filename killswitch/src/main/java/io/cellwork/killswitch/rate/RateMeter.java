package io.cellwork.killswitch.rate;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts events per scope (e.g. {@code tenant:acme}) since the last drain. Many threads record
 * (the HTTP edge); one drains once per reporting interval. Recording is a lock-free adder bump;
 * an event recorded while a drain swaps the window may land in the old window and be missed,
 * which a rate estimate can afford.
 */
public final class RateMeter {
  private volatile ConcurrentHashMap<String, LongAdder> window = new ConcurrentHashMap<>();

  public void record(String scope) {
    window.computeIfAbsent(scope, s -> new LongAdder()).increment();
  }

  /** The counts since the previous drain, and a fresh window. */
  public Map<String, Long> drain() {
    ConcurrentHashMap<String, LongAdder> closed = window;
    window = new ConcurrentHashMap<>();
    Map<String, Long> counts = new HashMap<>();
    closed.forEach((scope, adder) -> counts.put(scope, adder.sum()));
    return counts;
  }
}
