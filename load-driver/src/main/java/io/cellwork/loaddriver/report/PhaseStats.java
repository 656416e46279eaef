package io.cellwork.loaddriver.report;

import io.cellwork.loaddriver.api.ApiResponse;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Recorder;
import org.HdrHistogram.Histogram;

/**
 * What one workload phase saw: answers by outcome and a latency histogram. {@link #record} may be
 * called from many threads (HdrHistogram's recorder is wait-free for writers); read it after the
 * phase has ended.
 */
public final class PhaseStats {
  private final String name;
  private final Recorder latency = new Recorder(3);
  private final Map<String, Integer> outcomes = new TreeMap<>();
  private int sent;

  public PhaseStats(String name) {
    this.name = name;
  }

  public synchronized void sent() {
    sent++;
  }

  /** Records an answer: its latency, and its outcome (final status, or error code). */
  public void record(ApiResponse response) {
    latency.recordValue(Math.max(1, response.latencyNanos() / 1_000));
    String outcome = outcomeOf(response);
    synchronized (this) {
      outcomes.merge(outcome, 1, Integer::sum);
    }
  }

  public synchronized void count(String outcome) {
    outcomes.merge(outcome, 1, Integer::sum);
  }

  public String name() {
    return name;
  }

  public synchronized int sentCount() {
    return sent;
  }

  public synchronized int outcome(String outcome) {
    return outcomes.getOrDefault(outcome, 0);
  }

  public synchronized Map<String, Integer> outcomes() {
    return new TreeMap<>(outcomes);
  }

  /** Latencies in microseconds of everything recorded so far. */
  public Histogram latencyMicros() {
    return latency.getIntervalHistogram();
  }

  private static String outcomeOf(ApiResponse response) {
    if (response.status() == 0) {
      return "no_answer";
    }
    if (response.isAccepted() && response.body().has("status")) {
      return response.body().get("status").asText();
    }
    return response.status() + " " + response.errorCode();
  }
}
