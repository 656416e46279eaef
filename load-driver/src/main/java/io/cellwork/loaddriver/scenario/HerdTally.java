package io.cellwork.loaddriver.scenario;

import io.cellwork.loaddriver.engine.Answer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;

/**
 * What one thundering-herd phase saw, collected while it runs and turned into {@link Figures}
 * afterwards. Tries are counted in time buckets (there may be hundreds of thousands of them in a
 * naive storm); finished requests are kept one small record each (there are at most rate x
 * duration of them), because whether a request is "new" or "from the outage" is only known once
 * the switch's engage and release times are. Cost: O(1) per event, one record per request.
 * Threading: the recording methods are called concurrently from the engine's lanes; {@link
 * #figures} once, after the run.
 */
final class HerdTally {
  /** One finished request: first intended send, when it finished, whether it succeeded. */
  private record Finished(long intendedNanos, long doneNanos, boolean ok) {}

  private final long startNanos;
  private final long bucketNanos;
  private final int buckets;
  private final AtomicLongArray tries;
  private final AtomicLongArray retries;
  private final AtomicLongArray overloaded;
  private final AtomicLongArray timeouts;
  private final ConcurrentLinkedQueue<Finished> finished = new ConcurrentLinkedQueue<>();
  private final AtomicLong pending = new AtomicLong();
  private final LongAccumulator peakPending = new LongAccumulator(Math::max, 0);
  private final Map<String, LongAdder> gaveUp = new ConcurrentHashMap<>();

  HerdTally(long startNanos, long bucketNanos, long spanNanos) {
    this.startNanos = startNanos;
    this.bucketNanos = bucketNanos;
    this.buckets = (int) (spanNanos / bucketNanos) + 1;
    this.tries = new AtomicLongArray(buckets);
    this.retries = new AtomicLongArray(buckets);
    this.overloaded = new AtomicLongArray(buckets);
    this.timeouts = new AtomicLongArray(buckets);
  }

  /** A new user request arrived (not a retry): one more client pending. */
  void arrived() {
    peakPending.accumulate(pending.incrementAndGet());
  }

  /** One try was answered (or failed); counted at the time it finished. */
  void tried(int attempt, long intendedNanos, Answer answer) {
    add(tries, answer.doneNanos());
    if (attempt > 1) {
      add(retries, intendedNanos);
    }
    if (answer.status() == 429) {
      add(overloaded, answer.doneNanos());
    } else if ("timeout".equals(answer.failure())) {
      add(timeouts, answer.doneNanos());
    }
  }

  /** A client stopped retrying a request it did not get done, for {@code reason}. */
  void gaveUp(String reason) {
    gaveUp.computeIfAbsent(reason, r -> new LongAdder()).increment();
  }

  /** A request finished, done or given up: one client less. */
  void finished(long firstIntendedNanos, Answer answer) {
    pending.decrementAndGet();
    finished.add(new Finished(firstIntendedNanos, answer.doneNanos(), answer.isSuccess()));
  }

  private void add(AtomicLongArray counts, long atNanos) {
    int b = (int) ((atNanos - startNanos) / bucketNanos);
    counts.incrementAndGet(Math.max(0, Math.min(buckets - 1, b)));
  }

  private long sum(AtomicLongArray counts, long fromNanos, long toNanos) {
    long total = 0;
    int from = (int) Math.max(0, (fromNanos - startNanos) / bucketNanos);
    int to = (int) Math.min(buckets, (toNanos - startNanos + bucketNanos - 1) / bucketNanos);
    for (int b = from; b < to; b++) {
      total += counts.get(b);
    }
    return total;
  }

  /**
   * What a phase showed.
   *
   * @param goodputBefore requests done per second between {@code settle} after the start and the engage request
   * @param offeredRate new requests per second the schedule offered
   * @param arrivedDuringOutage requests whose first try was meant to go while the switch was engaged
   * @param retriesDuringOutage retries meant to go while the switch was engaged (from engage to release request)
   * @param retriesAfterRelease retries meant to go after the release request
   * @param attemptsPerSuccess every try of the phase / requests done (1.0: nothing retried)
   * @param peakPending most requests pending at once (sent, not yet done or given up, incl. those waiting to retry)
   * @param overloadedAfterRelease 429 answers after the release request
   * @param timeoutsAfterRelease tries that timed out after the release request
   * @param recoveryMs from the release request until the first window in which the requests that arrived
   *     after the release got done at {@code recovered-share} of the rate at which they arrived; NaN: not within the run
   * @param backlogDrainedMs from the release request until the last request that arrived before it finished; NaN
   *     when some never finished within the run
   * @param outageP99Ms end-to-end p99 (first intended send to success) of the requests that arrived during the outage
   * @param outageDone of the requests that arrived during the outage, how many got done
   * @param gaveUp requests given up, by reason (max-attempts, deadline, budget, not-retryable)
   */
  record Figures(String name, double goodputBefore, double offeredRate, long arrivedDuringOutage,
      long retriesDuringOutage, long retriesAfterRelease, long tries, long done, double attemptsPerSuccess,
      long peakPending, long overloadedAfterRelease, long timeoutsAfterRelease, double recoveryMs,
      double backlogDrainedMs, double outageP99Ms, long outageDone, Map<String, Long> gaveUp) {}

  /**
   * @param settle how long after the start goodput before the switch starts counting (connections warming)
   * @param arrivalsEndNanos when the schedule stopped sending new requests: recovery windows end before it
   * @param window the recovery window; it slides by one bucket
   * @param share the share of arrivals that must get done within a window
   */
  Figures figures(String name, double offeredRate, long settle, long engageNanos, long releaseNanos,
      long arrivalsEndNanos, long window, double share, long unanswered) {
    List<Finished> all = new ArrayList<>(finished);
    long from = startNanos + settle;
    long doneBefore = all.stream().filter(f -> f.ok && f.doneNanos >= from && f.doneNanos < engageNanos).count();
    double goodputBefore = engageNanos > from ? doneBefore / ((engageNanos - from) / 1e9) : Double.NaN;

    Histogram outage = new Histogram(3);
    long arrivedDuringOutage = 0;
    long outageDone = 0;
    long lastOldDone = Long.MIN_VALUE;
    long done = 0;
    for (Finished f : all) {
      done += f.ok ? 1 : 0;
      if (f.intendedNanos >= engageNanos && f.intendedNanos < releaseNanos) {
        arrivedDuringOutage++;
        if (f.ok) {
          outageDone++;
          outage.recordValue(Math.max(1, (f.doneNanos - f.intendedNanos) / 1_000));
        }
      }
      if (f.intendedNanos < releaseNanos) {
        lastOldDone = Math.max(lastOldDone, f.doneNanos);
      }
    }
    double drainedMs = unanswered > 0 ? Double.NaN : Math.max(0, (lastOldDone - releaseNanos) / 1e6);

    double recoveryMs = Double.NaN;
    for (long t = releaseNanos; t + window <= arrivalsEndNanos; t += bucketNanos) {
      long windowStart = t;
      long windowEnd = t + window;
      long arrivedNew = all.stream().filter(f -> f.intendedNanos >= windowStart && f.intendedNanos < windowEnd).count();
      long doneNew = all.stream().filter(f -> f.ok && f.intendedNanos >= releaseNanos
          && f.doneNanos >= windowStart && f.doneNanos < windowEnd).count();
      if (arrivedNew > 0 && doneNew >= share * arrivedNew) {
        recoveryMs = (t - releaseNanos) / 1e6;
        break;
      }
    }
    long tryCount = sum(tries, startNanos, Long.MAX_VALUE / 2);
    Map<String, Long> gaveUpCounts = new TreeMap<>();
    gaveUp.forEach((k, v) -> gaveUpCounts.put(k, v.sum()));
    return new Figures(name, goodputBefore, offeredRate, arrivedDuringOutage,
        sum(retries, engageNanos, releaseNanos), sum(retries, releaseNanos, Long.MAX_VALUE / 2), tryCount, done,
        done == 0 ? Double.NaN : tryCount / (double) done, peakPending.get(),
        sum(overloaded, releaseNanos, Long.MAX_VALUE / 2), sum(timeouts, releaseNanos, Long.MAX_VALUE / 2),
        recoveryMs, drainedMs, outage.getTotalCount() == 0 ? Double.NaN : outage.getValueAtPercentile(99) / 1000.0,
        outageDone, gaveUpCounts);
  }
}
